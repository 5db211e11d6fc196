import { addressKey, duration, usernameKey } from './login-limits';

describe('the login limits’ keys', () => {
  it('count an IPv4 client by its address, an IPv4-mapped one as IPv4, and an IPv6 client by its /64', () => {
    expect(addressKey('203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('::FFFF:127.0.0.1')).toBe('127.0.0.1');
    expect(addressKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0DB8:0001:0002:ffff:0:0:9')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('64:ff9b::192.0.2.33')).toBe('64:ff9b:0:0::/64');
    expect(addressKey('1:2:3:4:5:6:7:8')).toBe('1:2:3:4::/64');
    // Anything else (a test's made-up peer) as it is.
    expect(addressKey('unknown')).toBe('unknown');
  });

  it('count a username by a hash of its trimmed, lower-case form', () => {
    expect(usernameKey(' Kari ')).toBe(usernameKey('kari'));
    expect(usernameKey('kari')).toMatch(/^[0-9a-f]{32}$/);
    expect(usernameKey('kari')).not.toBe(usernameKey('ola'));
  });

  it('say how long to wait in words', () => {
    expect(duration(1)).toBe('1 second');
    expect(duration(42)).toBe('42 seconds');
    expect(duration(60)).toBe('1 minute');
    expect(duration(61)).toBe('2 minutes');
    expect(duration(900)).toBe('15 minutes');
    expect(duration(3600)).toBe('1 hour');
    expect(duration(5400)).toBe('2 hours');
  });
});

const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2];

/** Norwegian organisation number: nine digits, the last a modulus-11 check digit (Brønnøysundregistrene). */
export function isValidOrgNumber(value: string): boolean {
  if (!/^[0-9]{9}$/.test(value)) return false;
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(value[i]), 0);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(value[8]);
}

/** Completes eight digits with their check digit, or returns null when no valid number exists (check digit 10). */
export function withCheckDigit(eightDigits: string): string | null {
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(eightDigits[i]), 0);
  const check = 11 - (sum % 11);
  if (check === 10) return null;
  return `${eightDigits}${check === 11 ? 0 : check}`;
}

import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { Role, User } from './models';

@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly http = inject(HttpClient);

  withRole(role: Role): Observable<User[]> {
    return this.http.get<User[]>('/api/users', { params: { role } });
  }
}

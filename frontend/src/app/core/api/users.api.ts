import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { Api } from '../../api/api';
import { listUsers } from '../../api/functions';
import { Role, User } from './models';

@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly api = inject(Api);

  withRole(role: Role): Observable<User[]> {
    return this.api.invoke(listUsers, { role });
  }
}

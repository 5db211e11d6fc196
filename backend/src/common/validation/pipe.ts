import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, Problem } from '../problem';

/** The global pipe: unknown fields are refused, and every bad field is named by its JSONPath. */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => Problem.validation(flatten(errors)),
  });
}

function flatten(errors: ValidationError[], parent = '$'): FieldError[] {
  return errors.flatMap((e) => {
    const path = /^\d+$/.test(e.property) ? `${parent}[${e.property}]` : `${parent}.${e.property}`;
    const own = Object.entries(e.constraints ?? {}).map(([rule, message]) => ({
      path,
      message: rule === 'whitelistValidation' ? 'unknown field' : message,
    }));
    return [...own, ...flatten(e.children ?? [], path)];
  });
}

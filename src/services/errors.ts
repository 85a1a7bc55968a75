// Expected outcomes a caller can act on. The GraphQL layer exposes each as a union member; the
// stable `code` is what clients and logs key on.

export abstract class DomainError extends Error {
  abstract readonly code: string;
}

export class EmailAlreadyUsedError extends DomainError {
  readonly code = 'EMAIL_ALREADY_USED';
  constructor(readonly email: string) {
    super(`Another employee already uses ${email}`);
    this.name = 'EmailAlreadyUsedError';
  }
}

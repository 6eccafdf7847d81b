import { CanActivate, ExecutionContext, Inject, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { type Config, CONFIG } from '../config/config';
import { ProblemException } from '../http/problem';
import { Hs256Verifier } from './hs256';
import { type Actor, PUBLIC_KEY, type Role, ROLES, ROLES_KEY } from './roles';

const unauthorized = (detail: string) => ProblemException.of(401, 'unauthorized', 'Unauthorized', detail);

/**
 * Every route needs a valid HS256 bearer token unless marked @Public(); @Roles() then says who may
 * call it. A route with neither is refused to everyone, so forgetting the decorator fails closed.
 *
 * Tokens are checked against the configured JWT_SECRET, with a key built once (see hs256.ts). A
 * composition without the configuration (a module test of public routes) accepts no token at all.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly tokens?: Hs256Verifier;

  constructor(
    private readonly reflector: Reflector,
    @Optional() @Inject(CONFIG) config?: Pick<Config, 'jwtSecret'>,
  ) {
    this.tokens = config ? new Hs256Verifier(config.jwtSecret) : undefined;
  }

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<FastifyRequest & { actor?: Actor }>();
    const actor = this.authenticate(request.headers.authorization);
    request.actor = actor;

    const allowed = this.reflector.getAllAndOverride<readonly Role[] | undefined>(ROLES_KEY, targets) ?? [];
    if (!allowed.includes(actor.role)) {
      throw ProblemException.of(403, 'forbidden', 'Forbidden', `The ${actor.role} role may not do this.`);
    }
    return true;
  }

  private authenticate(header: string | undefined): Actor {
    const match = /^Bearer ([A-Za-z0-9_\-.]+)$/.exec(header ?? '');
    if (!match) throw unauthorized('A bearer token is required.');
    let claims: Record<string, unknown>;
    try {
      if (!this.tokens) throw new Error('no secret to check tokens against');
      claims = this.tokens.verify(match[1]);
    } catch {
      throw unauthorized('The token is invalid or expired.');
    }
    const { sub, role, name } = claims;
    if (typeof sub !== 'string' || sub.length < 1 || sub.length > 200)
      throw unauthorized('The token has no valid subject.');
    if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
      throw unauthorized('The token carries no known role.');
    }
    return { id: sub, role: role as Role, name: typeof name === 'string' ? name : undefined };
  }
}

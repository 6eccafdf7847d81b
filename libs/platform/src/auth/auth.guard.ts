import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { type Request } from 'express';
import { ProblemException } from '../http/problem';
import { type Actor, PUBLIC_KEY, type Role, ROLES, ROLES_KEY } from './roles';

const unauthorized = (detail: string) => ProblemException.of(401, 'unauthorized', 'Unauthorized', detail);

/**
 * Every route needs a valid HS256 bearer token unless marked @Public(); @Roles() then says who may
 * call it. A route with neither is refused to everyone, so forgetting the decorator fails closed.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const actor = await this.authenticate(request.headers.authorization);
    request.actor = actor;

    const allowed = this.reflector.getAllAndOverride<readonly Role[] | undefined>(ROLES_KEY, targets) ?? [];
    if (!allowed.includes(actor.role)) {
      throw ProblemException.of(403, 'forbidden', 'Forbidden', `The ${actor.role} role may not do this.`);
    }
    return true;
  }

  private async authenticate(header: string | undefined): Promise<Actor> {
    const match = /^Bearer ([A-Za-z0-9_\-.]+)$/.exec(header ?? '');
    if (!match) throw unauthorized('A bearer token is required.');
    let claims: Record<string, unknown>;
    try {
      // Pinning the algorithm refuses `alg: none` and any key-confusion trick.
      claims = await this.jwt.verifyAsync<Record<string, unknown>>(match[1], { algorithms: ['HS256'] });
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

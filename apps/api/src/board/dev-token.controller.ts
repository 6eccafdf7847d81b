import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { JwtService } from '@nestjs/jwt';
import { ApiProblems, type Role, ROLES, Public, LIMITS, OneOf, Text } from '@app/platform';

export const BOARD_JWT = Symbol('BoardJwt');

/** Long enough for a day of trying things out, short enough that a leaked one soon dies. */
export const DEV_TOKEN_HOURS = 8;

export class DevTokenDto {
  @OneOf(ROLES)
  role!: Role;

  @Text(LIMITS.userId, { example: 'recruiter-1' })
  sub!: string;

  @Text(LIMITS.name, { optional: true })
  name?: string;
}

export class DevTokenIssuedDto {
  @ApiProperty({ description: 'An HS256 bearer token.' })
  token!: string;

  @ApiProperty({ enum: ROLES })
  role!: Role;

  @ApiProperty()
  sub!: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;
}

/**
 * Development tokens for the board's role picker. BoardModule registers this controller only when
 * NODE_ENV is not production, so there the route does not exist at all (404), whatever the token.
 */
@ApiTags('board')
@Controller('board')
export class DevTokenController {
  constructor(@Inject(BOARD_JWT) private readonly jwt: JwtService) {}

  @Post('dev-token')
  @Public()
  @HttpCode(201)
  @ApiOperation({ summary: 'A signed token for any role and user id (development only, never in production).' })
  @ApiCreatedResponse({ type: DevTokenIssuedDto })
  @ApiProblems(400, 409, 413, 415, 422)
  issue(@Body() body: DevTokenDto) {
    const claims = { sub: body.sub, role: body.role, ...(body.name ? { name: body.name } : {}) };
    const token = this.jwt.sign(claims, { algorithm: 'HS256', expiresIn: DEV_TOKEN_HOURS * 3600 });
    const expiresAt = new Date(Date.now() + DEV_TOKEN_HOURS * 3_600_000).toISOString();
    return { token, role: body.role, sub: body.sub, expiresAt };
  }
}

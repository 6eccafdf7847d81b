import { Controller, Get, Inject, Param, Redirect, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import etag from 'etag';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fresh from 'fresh';
import { Public, ProblemException } from '@app/platform';
import { type Asset, BOARD_CSP, BoardAssets } from './board-assets';

export const BOARD_ASSETS = Symbol('BoardAssets');

/**
 * SPEC §8: the board's static files, public because they hold no data (every API call the page
 * makes carries the user's token), and `/` sending a newcomer to them.
 */
@ApiExcludeController()
@Controller()
export class BoardController {
  constructor(@Inject(BOARD_ASSETS) private readonly assets: BoardAssets) {}

  @Get()
  @Public()
  @Redirect('/board', 302)
  home(): void {}

  @Get('board')
  @Public()
  async page(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    send(request, reply, await this.assets.page());
  }

  @Get('board/:file')
  @Public()
  async asset(@Param('file') file: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    send(request, reply, await this.assets.asset(file));
  }
}

function send(request: FastifyRequest, reply: FastifyReply, asset: Asset): void {
  switch (asset.kind) {
    case 'found': {
      const tag = etag(asset.body, { weak: true });
      reply.headers({
        'Content-Type': asset.contentType,
        'Content-Security-Policy': BOARD_CSP,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        // File names are not hashed: revalidate every time, and answer 304 while the ETag matches.
        'Cache-Control': 'no-cache',
        ETag: tag,
      });
      if (fresh(request.headers, { etag: tag })) reply.status(304).send();
      else reply.status(200).send(asset.body);
      return;
    }
    case 'not-built':
      throw ProblemException.of(
        503,
        'board-not-built',
        'Service Unavailable',
        'The board has not been built on this server: run `npm run build:board`, then reload.',
      );
    case 'missing':
      throw ProblemException.of(404, 'not-found', 'Not Found', 'The board has no such file.');
  }
}

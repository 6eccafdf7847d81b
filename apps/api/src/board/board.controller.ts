import { Controller, Get, Inject, Param, Redirect, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { type Response } from 'express';
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
  async page(@Res() response: Response): Promise<void> {
    send(response, await this.assets.page());
  }

  @Get('board/:file')
  @Public()
  async asset(@Param('file') file: string, @Res() response: Response): Promise<void> {
    send(response, await this.assets.asset(file));
  }
}

function send(response: Response, asset: Asset): void {
  switch (asset.kind) {
    case 'found':
      response
        .status(200)
        .set({
          'Content-Type': asset.contentType,
          'Content-Security-Policy': BOARD_CSP,
          'X-Content-Type-Options': 'nosniff',
          'Referrer-Policy': 'no-referrer',
          // File names are not hashed: revalidate every time (express answers 304 on a matching ETag).
          'Cache-Control': 'no-cache',
        })
        .send(asset.body);
      return;
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

import { type DynamicModule, Module } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { type Config } from '@app/platform';
import { BoardAssets } from './board-assets';
import { BOARD_ASSETS, BoardController } from './board.controller';
import { BOARD_JWT, DevTokenController } from './dev-token.controller';

/**
 * SPEC §8's web page: GET /board and its files, GET / redirecting to it, and, outside production
 * only, POST /board/dev-token. Needs from the app only the auth guard and the problem filter; it
 * signs with the app's secret through a JwtService of its own, so it imports nothing else.
 */
@Module({})
export class BoardModule {
  static forRoot(config: Pick<Config, 'production' | 'jwtSecret' | 'boardDir'>): DynamicModule {
    const devTokens = !config.production;
    return {
      module: BoardModule,
      controllers: devTokens ? [BoardController, DevTokenController] : [BoardController],
      providers: [
        { provide: BOARD_ASSETS, useValue: new BoardAssets(config.boardDir, devTokens) },
        ...(devTokens ? [{ provide: BOARD_JWT, useValue: new JwtService({ secret: config.jwtSecret }) }] : []),
      ],
    };
  }
}

// One jest run covers unit, integration and e2e tests. SWC compiles TypeScript (with decorator
// metadata, which Nest's injection needs) far faster than ts-jest on two cores. Tests run as ES
// modules because NestJS 12 ships only ES modules, which jest on Node 20 cannot require().
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

// Packages that ship only ES modules yet are require()d by CommonJS ones (content-disposition, by
// @fastify/static for the Swagger UI): jest on Node 20 cannot require an ES module, so they are
// compiled to CommonJS for it.
const esmOnly = ['content-disposition'];
const swcToCommonJs = ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }];

module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc, [`/node_modules/(${esmOnly.join('|')})/.+\\.js$`]: swcToCommonJs },
  // Every package but those, wherever npm nested them.
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)(@[^/]+/)?[^/]+/(?!.*node_modules/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  extensionsToTreatAsEsm: ['.ts'],
  testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'],
  moduleNameMapper: {
    '^@app/hiring(|/.*)$': '<rootDir>/libs/hiring/src$1',
    '^@app/event-store(|/.*)$': '<rootDir>/libs/event-store/src$1',
    '^@app/projections(|/.*)$': '<rootDir>/libs/projections/src$1',
    '^@app/platform(|/.*)$': '<rootDir>/libs/platform/src$1',
    '^@app/candidates(|/.*)$': '<rootDir>/libs/candidates/src$1',
    '^@app/notifications(|/.*)$': '<rootDir>/libs/notifications/src$1',
    '^@test/(.*)$': '<rootDir>/test/$1',
  },
  testTimeout: 60_000,
};

/** For routes that take no body: with the whitelisting pipe, any field sent is refused (SPEC §4). */
export class NoBodyDto {}

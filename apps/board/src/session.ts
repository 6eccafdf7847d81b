import { requestDevToken } from './api';
import { h, option, replaceChildren } from './dom';
import { tokenClaims } from './format';
import { ROLES } from './types';

const STORAGE_KEY = 'board.token';

/**
 * Who the page acts as: a JWT pasted by the user or, outside production, one the server issues for
 * a development role. Kept in sessionStorage, so it dies with the tab and never reaches other tabs.
 */
export class Session {
  readonly element = h('div', { class: 'session' });
  private readonly who = h('span', { class: 'who' });
  private readonly message = h('p', { class: 'session-message', role: 'alert', hidden: true });
  private readonly tokenInput = h('input', {
    type: 'password',
    name: 'token',
    placeholder: 'Paste a JWT',
    autocomplete: 'off',
    'aria-label': 'Token',
  });

  constructor(
    devTokens: boolean,
    private readonly changed: () => void,
  ) {
    const paste = h('form', { class: 'paste' }, this.tokenInput, h('button', { type: 'submit' }, 'Use token'));
    paste.addEventListener('submit', (event) => {
      event.preventDefault();
      this.use(this.tokenInput.value.trim());
      this.tokenInput.value = '';
    });
    const signOut = h('button', { type: 'button', class: 'link' }, 'Sign out');
    signOut.addEventListener('click', () => this.use(''));
    this.element.append(h('div', { class: 'session-row' }, this.who, signOut), paste);
    if (devTokens) this.element.append(this.devPicker());
    this.element.append(this.message);
    this.show();
  }

  token(): string | null {
    return sessionStorage.getItem(STORAGE_KEY);
  }

  /** The API refused the token: say so where the token is chosen, until another is chosen. */
  refused(detail: string): void {
    this.say(`Your token was refused: ${detail}`);
  }

  private use(token: string): void {
    if (token) sessionStorage.setItem(STORAGE_KEY, token);
    else sessionStorage.removeItem(STORAGE_KEY);
    this.say('');
    this.show();
    this.changed();
  }

  private show(): void {
    const token = this.token();
    const claims = token ? tokenClaims(token) : undefined;
    replaceChildren(
      this.who,
      !token
        ? 'Not signed in'
        : claims?.sub && claims.role
          ? `Signed in as ${claims.sub} (${claims.role})`
          : 'Using a token that is not a readable JWT',
    );
  }

  private say(text: string): void {
    this.message.textContent = text;
    this.message.hidden = text === '';
  }

  private devPicker(): HTMLElement {
    const role = h(
      'select',
      { name: 'role', 'aria-label': 'Development role' },
      ...ROLES.map((r) => option(r, r.replace('_', ' '))),
    );
    const sub = h('input', {
      type: 'text',
      name: 'sub',
      value: 'recruiter-1',
      maxlength: 200,
      'aria-label': 'User id',
      required: true,
    });
    role.addEventListener('change', () => (sub.value = `${role.value}-1`));
    const form = h(
      'form',
      { class: 'dev-picker', 'aria-label': 'Development sign-in' },
      h('span', { class: 'dev-tag' }, 'development'),
      role,
      sub,
      h('button', { type: 'submit' }, 'Sign in'),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void requestDevToken(role.value, sub.value.trim()).then((answer) =>
        'token' in answer ? this.use(answer.token) : this.say(answer.error),
      );
    });
    return form;
  }
}

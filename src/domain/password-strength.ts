import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;
/** zxcvbn's 0–4 scale: 3 = "safely unguessable" (~10^8 guesses; an offline attack on a slow hash). */
export const MIN_PASSWORD_SCORE = 3;

let checker: ZxcvbnFactory | undefined;
// Built on first use: the dictionaries take a moment to load and most processes never need them.
const zxcvbn = () => {
  checker ??= new ZxcvbnFactory({ dictionary: { ...dictionary }, graphs: adjacencyGraphs });
  return checker;
};

/**
 * Why a password is too weak, or null when it is strong enough: long enough and hard to guess
 * (common passwords, keyboard runs, repeats and sequences score low whatever their length).
 * `userInputs` (email, name) count as known words.
 */
export function passwordWeakness(password: string, userInputs: string[] = []): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `at most ${MAX_PASSWORD_LENGTH} characters`;
  if (password.trim().length === 0) return 'too easy to guess';
  const result = zxcvbn().check(password.slice(0, 100), userInputs);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  return 'too easy to guess: avoid common words, sequences and repeats; a few unrelated words work well';
}

export const PASSWORD_RULES = { minLength: 8, maxLength: 128, minScore: 2 } as const;

/**
 * zxcvbn and its dictionaries (a few megabytes of word lists) are imported and indexed at the first password
 * checked, not when the server starts (issue 9: the restart).
 */
let checker:
  | Promise<{ commonPasswords: Set<string>; score: (password: string, userInputs: string[]) => number }>
  | undefined;
const loadChecker = () =>
  (checker ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]).then(
    ([{ ZxcvbnFactory }, { adjacencyGraphs, dictionary }]) => {
      const zxcvbn = new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
      return {
        commonPasswords: new Set(dictionary['passwords-common'].map((p) => p.toLowerCase())),
        score: (password: string, userInputs: string[]) => zxcvbn.check(password, userInputs).score,
      };
    },
  ));

export type PasswordVerdict = { ok: true } | { ok: false; message: string };

/**
 * The password policy of sign-up and recovery: at least 8 characters, not the phone number, not a common
 * password, and not trivially guessable (zxcvbn score ≥ 2, i.e. beyond ~10⁶ guesses).
 */
export async function checkPassword(password: string, phone: string): Promise<PasswordVerdict> {
  if (password.length < PASSWORD_RULES.minLength)
    return { ok: false, message: 'Пароль должен быть не короче 8 символов' };
  if (password.length > PASSWORD_RULES.maxLength)
    return { ok: false, message: 'Пароль должен быть не длиннее 128 символов' };
  const phoneDigits = phone.replace(/\D/g, '').slice(-10);
  const passwordDigits = password.replace(/\D/g, '');
  if (phoneDigits.length === 10 && passwordDigits.includes(phoneDigits.slice(-7)))
    return { ok: false, message: 'Пароль не должен содержать номер телефона' };
  const { commonPasswords, score } = await loadChecker();
  if (commonPasswords.has(password.toLowerCase()))
    return { ok: false, message: 'Этот пароль слишком распространён — придумайте другой' };
  if (score(password, [phoneDigits]) < PASSWORD_RULES.minScore)
    return { ok: false, message: 'Пароль слишком простой: добавьте слова, цифры или знаки' };
  return { ok: true };
}

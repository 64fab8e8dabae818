/** Texts used on more than one screen. */
export const PASSWORD_HINT =
  'Не короче 8 символов, не совпадает с номером телефона, не из списка простых паролей';
export const GENERIC_ERROR = 'Что-то пошло не так. Обновите страницу и попробуйте ещё раз.';
export const PHONE_TAKEN = 'Личный кабинет по этому номеру уже используется';
export const PERSON_REGISTERED =
  'Вы уже зарегистрированы. Войдите в личный кабинет или восстановите пароль, если не помните его.';
export const PASSWORD_CHANGED = 'Пароль изменён, войдите с новым паролем';

import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorCode, FieldError, Problem } from '../../contracts';
import { AppError } from '../app-error';

/** Status and a safe Russian message for every code. Exhaustive: a new code does not compile unmapped. */
const PROBLEMS = {
  VALIDATION_FAILED: [400, 'Проверьте введённые данные'],
  PHONE_ALREADY_REGISTERED: [409, 'Личный кабинет по этому номеру уже используется'],
  PERSON_ALREADY_REGISTERED: [
    409,
    'Вы уже зарегистрированы: личный кабинет на эти паспортные данные уже есть. Войдите или восстановите пароль',
  ],
  PASSWORD_TOO_WEAK: [400, 'Пароль слишком простой'],
  CAPTCHA_INVALID: [400, 'Код с картинки введён неверно'],
  CODE_INVALID: [400, 'Неверный код из СМС'],
  CODE_EXPIRED: [400, 'Срок действия кода истёк. Запросите новый код'],
  CODE_RESEND_TOO_EARLY: [429, 'Новый код можно будет запросить чуть позже'],
  PHONE_NOT_CONFIRMED: [409, 'Сначала подтвердите номер телефона кодом из СМС'],
  REGISTRATION_NOT_FOUND: [404, 'Регистрация не найдена или устарела. Начните заново'],
  RECOVERY_NOT_FOUND: [404, 'Запрос на восстановление пароля устарел. Начните заново'],
  INVALID_CREDENTIALS: [401, 'Неверный номер телефона или пароль'],
  TOO_MANY_ATTEMPTS: [429, 'Слишком много попыток. Попробуйте позже'],
  UNAUTHENTICATED: [401, 'Войдите в личный кабинет'],
  FORBIDDEN: [403, 'Недостаточно прав для этого действия'],
  CSRF_INVALID: [403, 'Страница устарела. Обновите её и повторите действие'],
  SESSION_NOT_FOUND: [404, 'Сеанс не найден'],
  NOT_READY: [503, 'Сервис временно недоступен. Попробуйте через минуту'],
  MAINTENANCE: [503, 'На сайте проводятся технические работы. Попробуйте зайти позже'],
  NOT_FOUND: [404, 'Не найдено'],
  BAD_REQUEST: [400, 'Запрос не удалось прочитать: проверьте адрес и формат данных'],
  PAYLOAD_TOO_LARGE: [413, 'Слишком большой запрос'],
  UNSUPPORTED_MEDIA_TYPE: [415, 'Неподдерживаемый формат данных: отправьте JSON'],
  URI_TOO_LONG: [414, 'Слишком длинный адрес запроса'],
  SMS_UNAVAILABLE: [503, 'Не удалось отправить СМС. Попробуйте ещё раз через минуту'],
  EMAIL_UNAVAILABLE: [503, 'Подтверждение электронной почты пока недоступно'],
  EMAIL_SEND_FAILED: [503, 'Не удалось отправить письмо. Попробуйте ещё раз через несколько минут'],
  EMAIL_ADDRESS_REFUSED: [
    422,
    'Почтовый сервер не принял письмо на этот адрес. Проверьте адрес или укажите другой',
  ],
  PRODUCT_NOT_FOUND: [404, 'Такого продукта нет'],
  QUOTE_INVALID: [400, 'Такие сумма и срок для этого продукта недоступны'],
  APPLICATION_NOT_FOUND: [404, 'Заявка не найдена'],
  APPLICATION_IN_PROGRESS: [409, 'У вас уже есть заявка в работе: дождитесь решения по ней'],
  LOAN_ALREADY_ACTIVE: [409, 'У вас есть непогашенный заём: новый можно оформить после его погашения'],
  LOANS_PER_YEAR_LIMIT: [409, 'Достигнуто число займов за год, которое позволяет закон'],
  PASSPORT_EXPIRED: [409, 'Срок действия паспорта истёк: обновите паспортные данные в профиле'],
  WAIT_AFTER_HIGH_PSK_LOAN: [
    409,
    'После погашения займа с полной стоимостью выше 100 % годовых нужен перерыв',
  ],
  CARD_INVALID: [400, 'Проверьте номер карты'],
  CONTRACT_NOT_FOUND: [404, 'Договор не найден'],
  CONTRACT_REISSUED: [
    409,
    'Договор составлен заново по правилам на сегодняшнюю дату. Проверьте новую версию и запросите новый код',
  ],
  BUREAU_UNAVAILABLE: [
    503,
    'Не удалось проверить данные в бюро кредитных историй. Попробуйте через несколько минут',
  ],
  PAYOUT_ALREADY_SENT: [
    409,
    'Деньги уже отправлены: отменить нельзя, но можно вернуть заём досрочно без комиссии',
  ],
  LOAN_NOT_FOUND: [404, 'Заём не найден'],
  LOAN_NOT_ACTIVE: [409, 'По этому займу сейчас нельзя платить: он ещё не выдан или уже закрыт'],
  LOAN_NOT_CLOSED: [409, 'Справка о погашении будет доступна, когда заём будет полностью погашен'],
  PAYMENT_NOT_FOUND: [404, 'Платёж не найден'],
  PAYMENT_AMOUNT_INVALID: [400, 'Проверьте сумму платежа'],
  IDEMPOTENCY_KEY_REUSED: [
    409,
    'Этот платёж уже создан с другими данными. Обновите страницу и начните оплату заново',
  ],
  ACQUIRING_UNAVAILABLE: [503, 'Платёжный сервис временно недоступен. Попробуйте через несколько минут'],
  PROLONGATION_NOT_AVAILABLE: [409, 'Продлить этот заём сейчас нельзя'],
  PROLONGATION_NOT_FOUND: [404, 'Допсоглашение о пролонгации не найдено'],
  NO_OVERPAYMENT: [409, 'Переплаты нет: возвращать нечего'],
  STAFF_CHANGE_NOT_ALLOWED: [409, 'Это изменение недоступно'],
  PROVIDER_NOT_CONFIGURED: [404, 'Этот способ входа сейчас недоступен. Войдите по номеру телефона'],
  PROVIDER_DECLINED: [
    400,
    'Вы не разрешили передать данные, поэтому войти этим способом не получилось. Попробуйте ещё раз или войдите по номеру телефона',
  ],
  PROVIDER_ATTEMPT_INVALID: [400, 'Вход устарел или был начат в другом окне браузера. Начните вход заново'],
  PROVIDER_REJECTED: [
    502,
    'Сервис входа отклонил запрос. Начните вход заново или войдите по номеру телефона',
  ],
  PROVIDER_UNAVAILABLE: [
    503,
    'Сервис входа сейчас не отвечает. Попробуйте через несколько минут или войдите по номеру телефона',
  ],
  PROVIDER_BUSY: [503, 'Сервис входа перегружен. Попробуйте через минуту или войдите по номеру телефона'],
  ESIA_ACCOUNT_NOT_TRUSTED: [
    403,
    'Учётная запись на Госуслугах не подтверждена — подтвердите её в центре обслуживания или войдите по номеру телефона',
  ],
  ESIA_PASSPORT_NOT_VERIFIED: [
    403,
    'Паспорт на Госуслугах ещё не проверен — дождитесь проверки или войдите по номеру телефона',
  ],
  PROVIDER_REVIEW_REQUIRED: [
    409,
    'Данные от провайдера не совпадают с данными вашего личного кабинета. Их проверит специалист — мы свяжемся с вами. Пока войдите по номеру телефона',
  ],
  PROVIDER_ALREADY_LINKED: [409, 'Эта учётная запись уже привязана к другому личному кабинету'],
  PROVIDER_LAST_SIGN_IN_METHOD: [409, 'Нельзя отвязать единственный способ входа в личный кабинет'],
  PROVIDER_NOT_LINKED: [404, 'Этот способ входа не привязан'],
  PROVIDER_DATA_CHANGED: [
    400,
    'Данные, подтверждённые Госуслугами, менять нельзя. Обновите страницу и продолжите',
  ],
  SAME_PERSON_APPROVAL: [409, 'Изменение должен подтвердить другой сотрудник, не тот, кто его предложил'],
  CHANGE_NOT_FOUND: [404, 'Изменение не найдено'],
  CHANGE_NOT_PENDING: [409, 'Это изменение уже рассмотрено'],
  PRODUCT_EXISTS: [409, 'Продукт с таким кодом уже есть'],
  WORK_ITEM_CLAIMED: [409, 'Этим делом уже занимается другой сотрудник'],
  WORK_ITEM_NOT_CLAIMED: [409, 'Сначала возьмите дело в работу'],
  WORK_ITEM_NOT_FOUND: [404, 'Дело не найдено или уже закрыто'],
  APPLICATION_ALREADY_DECIDED: [409, 'По заявке уже принято решение'],
  DECISION_AMOUNT_INVALID: [
    400,
    'Сумма должна быть в пределах продукта, с его шагом и не больше запрошенной',
  ],
  MAKER_CANNOT_CHECK: [403, 'Второе подтверждение даёт другой сотрудник, не автор решения'],
  BORROWER_NOT_FOUND: [404, 'Клиент не найден'],
  POINTS_INSUFFICIENT: [409, 'Недостаточно баллов'],
  CAMPAIGN_NOT_FOUND: [404, 'Розыгрыш не найден'],
  CAMPAIGN_WRONG_STATE: [409, 'Это действие недоступно на текущем этапе розыгрыша'],
  OFFER_NOT_FOUND: [404, 'Предложение не найдено'],
  OFFER_NOT_IN_FORCE: [409, 'Срок предложения закончился — рассылать его поздно'],
  ADVERTISING_LINK_NOT_FOUND: [
    404,
    'Ссылка не найдена. Отключить рекламу можно в личном кабинете: «Сообщения» → «Реклама»',
  ],
  ADVERTISING_LINK_USED: [410, 'Эта ссылка уже использована: реклама по ней отключена'],
  PROMO_CODE_INVALID: [422, 'Такого промокода нет или он сейчас не действует'],
  PROMO_CODE_USED: [409, 'Этот промокод вы уже использовали'],
  CONVERSATION_NOT_FOUND: [404, 'Обращение не найдено'],
  CONVERSATION_CLOSED: [409, 'Обращение закрыто. Если вопрос остался, задайте новый'],
  CONVERSATION_NOT_CLOSED: [409, 'Оценить ответ можно после закрытия обращения'],
  ATTACHMENT_NOT_FOUND: [404, 'Файл не найден'],
  ATTACHMENT_REJECTED: [415, 'Можно прикрепить только фото (JPEG, PNG, WebP, HEIC) или PDF'],
  ATTACHMENT_TOO_LARGE: [413, 'Файл слишком большой'],
  CANNED_ANSWER_NOT_FOUND: [404, 'Шаблон ответа не найден'],
  MESSAGE_NOT_EDITABLE: [409, 'Это сообщение нельзя исправить'],
  INTERNAL: [500, 'Что-то пошло не так. Мы уже разбираемся, попробуйте позже'],
  CASE_NOT_FOUND: [404, 'Заявка не найдена'],
  CASE_NOT_READY: [409, 'Это действие сейчас недоступно для заявки: проверьте её состояние'],
  NEW_PHONE_TAKEN: [409, 'Этот номер уже указан в другом личном кабинете — выберите другой номер'],
  RELATIONSHIP_ENDED: [
    403,
    'Отношения с компанией прекращены, вход в личный кабинет закрыт. Чтобы возобновить их, обратитесь в службу поддержки',
  ],
  RELATIONSHIP_ENDED_REGISTRATION: [
    409,
    'С этим паспортом отношения с компанией были прекращены. Чтобы возобновить их, обратитесь в службу поддержки — новая регистрация не нужна',
  ],
  RELATIONSHIP_END_BLOCKED: [409, 'Прекратить отношения пока нельзя: сначала нужно завершить открытые дела'],
  TELEGRAM_NOT_AVAILABLE: [404, 'Уведомления в Telegram сейчас недоступны'],
  TELEGRAM_NOT_PENDING: [
    409,
    'Нет привязки Telegram, которую нужно подтвердить. Получите новую ссылку на бота',
  ],
  DOWNLOAD_LINK_NOT_FOUND: [404, 'Ссылка недействительна. Проверьте, что она скопирована полностью'],
  DOWNLOAD_LINK_EXPIRED: [
    410,
    'Ссылка больше не действует: её срок истёк или документ уже скачан по ней. Чтобы получить документ снова, позвоните в службу поддержки',
  ],
} as const satisfies Record<ErrorCode, readonly [number, string]>;

export function problemOf(code: ErrorCode, instance: string, extra: AppError['extra'] = {}): Problem {
  const [status, title] = PROBLEMS[code];
  return {
    type: `/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title,
    status,
    detail: extra.detail ?? title,
    code,
    instance,
    ...(extra.errors ? { errors: extra.errors } : {}),
    ...(extra.retryAfterSec !== undefined ? { retryAfterSec: extra.retryAfterSec } : {}),
    ...(extra.attemptsLeft !== undefined ? { attemptsLeft: extra.attemptsLeft } : {}),
  };
}

export function sendProblem(reply: FastifyReply, problem: Problem) {
  if (problem.retryAfterSec !== undefined) reply.header('retry-after', String(problem.retryAfterSec));
  return reply.status(problem.status).type('application/problem+json').send(problem);
}

/** Turns whatever was thrown into problem+json. 5xx bodies stay generic; the cause goes to the log. */
export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  const instance = request.id;
  if (error instanceof AppError) {
    if (PROBLEMS[error.code][0] >= 500) request.log.warn({ code: error.code }, 'service unavailable');
    return sendProblem(reply, problemOf(error.code, instance, error.extra));
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors: FieldError[] = error.validation.map((v) => ({
      path: v.instancePath.replace(/^\//, '').replace(/\//g, '.'),
      message: v.message ?? 'Неверное значение',
    }));
    return sendProblem(reply, problemOf('VALIDATION_FAILED', instance, { errors }));
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.code === 'FST_CSRF_INVALID_TOKEN' || fastifyError.code === 'FST_CSRF_MISSING_SECRET')
    return sendProblem(reply, problemOf('CSRF_INVALID', instance));
  const clientCode = clientErrorCode(fastifyError);
  if (clientCode === 'VALIDATION_FAILED')
    return sendProblem(
      reply,
      problemOf(clientCode, instance, { detail: 'Запрос не удалось прочитать: проверьте формат данных' }),
    );
  if (clientCode) return sendProblem(reply, problemOf(clientCode, instance));
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(reply, problemOf('INTERNAL', instance));
}

/** Fastify's own codes (router, body parser, content type, size limit) → ours. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_BAD_URL: 'BAD_REQUEST',
  FST_ERR_MAX_PARAM_LENGTH: 'URI_TOO_LONG',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_CTP_INVALID_JSON_BODY: 'VALIDATION_FAILED',
};
/** Any other client error by its HTTP status; a 400 without a code of its own is a body that cannot be read. */
const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/** Our code for a 4xx raised by Fastify or a plugin, or undefined for anything else (a 500). */
function clientErrorCode(error: FastifyError): ErrorCode | undefined {
  const byCode = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (byCode) return byCode;
  const status = error.statusCode;
  if (!status || status < 400 || status >= 500) return undefined;
  return STATUS_CODES[status] ?? 'BAD_REQUEST';
}

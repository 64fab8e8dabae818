import { kopecksFromWire, kopecksToWire, type FieldError } from '../../../../contracts';
import type {
  ProductSettings,
  ProductTerms,
  ProductVersion,
  ProposeProductChange,
} from '../../../../contracts/backoffice-settings';
import { dateInZone, type IsoDate } from '../../../../domain/calendar';
import { ruleSetOn, type LegalRuleSet } from '../../../../domain/legal-rules';
import { validateProduct, type ProductViolation } from '../../../../domain/quote';
import type { StaffActor } from '../../../actor';
import { AppError } from '../../../app-error';
import type { Deps, RequestMeta } from '../../../deps';
import { audit } from '../../audit/audit';
import { toDomainProduct } from '../../lending/loan-products';
import {
  decideProductVersion,
  findProductRow,
  insertProductIfAbsent,
  insertProductVersion,
  listProductVersions,
  lockProductVersion,
  productOfVersion,
  productsInForce,
  type ProductRow,
  type ProductVersionRow,
} from '../../lending/product-repository';
import { getStaff } from '../staff-repository';

/**
 * Loan products in the back office: a change (new product, new terms, retirement) is proposed with the date it takes
 * effect from, validated against the legal rule set in force that day, and takes effect only once a second staff
 * member approves it (maker-checker: the proposer cannot). Every version is kept; quotes, applications and contracts
 * use the version in force on their date, and a signed contract keeps its own terms (contract_terms).
 */

const today = (deps: Deps): IsoDate => dateInZone(deps.clock.now(), deps.config.timeZone);

const termsOf = (p: ProductRow | ProductVersionRow): ProductTerms => ({
  kind: 'productKind' in p ? p.productKind : p.kind,
  name: p.name,
  minAmount: kopecksToWire(p.minAmount),
  maxAmount: kopecksToWire(p.maxAmount),
  amountStep: kopecksToWire(p.amountStep),
  minTerm: p.minTerm,
  maxTerm: p.maxTerm,
  dailyRateBp: p.dailyRateBp,
  firstLoanDailyRateBp: p.firstLoanDailyRateBp,
  allowsParallelLoans: p.allowsParallelLoans,
  prolongationWhenOverdue: p.prolongationWhenOverdue,
});

/** The product row some terms would make (for validation). */
const rowOf = (productId: string, terms: ProductTerms, active: boolean): ProductRow => ({
  id: productId,
  kind: terms.kind,
  name: terms.name,
  minAmount: kopecksFromWire(terms.minAmount),
  maxAmount: kopecksFromWire(terms.maxAmount),
  amountStep: kopecksFromWire(terms.amountStep),
  minTerm: terms.minTerm,
  maxTerm: terms.maxTerm,
  dailyRateBp: terms.dailyRateBp,
  firstLoanDailyRateBp: terms.firstLoanDailyRateBp,
  allowsParallelLoans: terms.allowsParallelLoans,
  prolongationWhenOverdue: terms.prolongationWhenOverdue,
  active,
  createdAt: new Date(0),
});

const FIELD_OF: Record<string, string> = {
  minTermDays: 'minTerm',
  minTermWeeks: 'minTerm',
  maxTermDays: 'maxTerm',
  maxTermWeeks: 'maxTerm',
};

/** A violation of the domain's product rules, in Russian, on the form's field (`terms.<field>`). */
function russian(v: ProductViolation, ruleSet: LegalRuleSet): FieldError {
  const field = FIELD_OF[v.field] ?? v.field;
  const percent = (ruleSet.maxDailyRateBp / 100).toLocaleString('ru-RU');
  const messages: Record<string, string> = {
    dailyRateBp: `Ставка выше предельной по закону (${percent} % в день) или отрицательна`,
    firstLoanDailyRateBp: `Ставка первого займа выше предельной по закону (${percent} % в день) или отрицательна`,
    minAmount: 'Минимальная сумма должна быть больше нуля',
    maxAmount: 'Максимальная сумма меньше минимальной',
    amountStep: 'Шаг суммы должен быть положительным, а от минимума до максимума — целое число шагов',
    minTerm: /even/.test(v.message) ? 'Срок в неделях должен быть чётным' : 'Минимальный срок — не меньше 1',
    maxTerm: /even/.test(v.message)
      ? 'Срок в неделях должен быть чётным'
      : 'Максимальный срок меньше минимального или больше года',
  };
  return { path: `terms.${field}`, message: messages[field] ?? v.message };
}

/** Throws VALIDATION_FAILED listing every rule of the rule set in force on `date` the terms break. */
function assertLawful(productId: string, terms: ProductTerms, active: boolean, date: IsoDate) {
  const ruleSet = ruleSetOn(date);
  const violations = validateProduct(toDomainProduct(rowOf(productId, terms, active)), ruleSet);
  if (violations.length > 0)
    throw new AppError('VALIDATION_FAILED', {
      detail: 'Условия продукта нарушают правила, действующие на дату вступления в силу',
      errors: violations.map((v) => russian(v, ruleSet)),
    });
}

/** Display names of staff members by id (the few who proposed or decided). */
async function namesOf(deps: Deps, ids: (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => id !== null))];
  const members = await Promise.all(unique.map((id) => getStaff(deps.db, id)));
  return new Map(members.map((m) => [m.id, m.displayName]));
}

const viewOf = (v: ProductVersionRow, names: Map<string, string>): ProductVersion => ({
  id: v.id,
  productId: v.productId,
  change: v.kind,
  status: v.status,
  effectiveFrom: v.effectiveFrom,
  terms: termsOf(v),
  active: v.active,
  comment: v.comment,
  proposedBy: { id: v.proposedBy, name: names.get(v.proposedBy) ?? '—' },
  proposedAt: v.createdAt.toISOString(),
  decidedBy: v.decidedBy ? (names.get(v.decidedBy) ?? '—') : null,
  decidedAt: v.decidedAt?.toISOString() ?? null,
});

async function versionView(deps: Deps, v: ProductVersionRow): Promise<ProductVersion> {
  return viewOf(v, await namesOf(deps, [v.proposedBy, v.decidedBy]));
}

/** The products with their terms in force today, and every version (history and pending changes). */
export async function listProductSettings(deps: Deps): Promise<ProductSettings> {
  const date = today(deps);
  const [rows, inForce, versions] = await Promise.all([
    productsInForce(deps.db),
    productsInForce(deps.db, date),
    listProductVersions(deps.db),
  ]);
  const names = await namesOf(
    deps,
    versions.flatMap((v) => [v.proposedBy, v.decidedBy]),
  );
  return {
    today: date,
    products: rows.map((row) => {
      const current = inForce.find((p) => p.id === row.id);
      return { id: row.id, inForce: current ? { ...termsOf(current), active: current.active } : null };
    }),
    versions: versions.map((v) => viewOf(v, names)),
  };
}

/**
 * Proposes a change (permission products.manage), audited as `backoffice.product.proposed`. Throws
 * VALIDATION_FAILED (a date before today, missing terms, terms breaking the rule set in force on the date, a change
 * of kind), PRODUCT_EXISTS (creating a code already taken), PRODUCT_NOT_FOUND (editing or retiring an unknown one).
 */
export async function proposeProductChange(
  deps: Deps,
  { actor, input, meta }: { actor: StaffActor; input: ProposeProductChange; meta: RequestMeta },
): Promise<ProductVersion> {
  const { productId, change, effectiveFrom } = input;
  if (effectiveFrom < today(deps))
    throw new AppError('VALIDATION_FAILED', {
      errors: [{ path: 'effectiveFrom', message: 'Изменение вступает в силу не раньше сегодняшнего дня' }],
    });
  const existing = await findProductRow(deps.db, productId);
  const versions = (await listProductVersions(deps.db)).filter((v) => v.productId === productId);
  let terms: ProductTerms;
  let active = true;
  if (change === 'create') {
    if (existing || versions.some((v) => v.kind === 'create' && v.status !== 'rejected'))
      throw new AppError('PRODUCT_EXISTS', { errors: [{ path: 'productId', message: 'Код уже занят' }] });
  } else if (!existing) throw new AppError('PRODUCT_NOT_FOUND');
  if (change === 'retire') {
    const current =
      (await productsInForce(deps.db, effectiveFrom)).find((p) => p.id === productId) ?? existing!;
    terms = termsOf(current);
    active = false;
  } else {
    if (!input.terms)
      throw new AppError('VALIDATION_FAILED', { errors: [{ path: 'terms', message: 'Укажите условия' }] });
    terms = input.terms;
    if (existing && existing.kind !== terms.kind)
      throw new AppError('VALIDATION_FAILED', {
        errors: [{ path: 'terms.kind', message: 'Вид продукта не меняется: заведите новый продукт' }],
      });
    assertLawful(productId, terms, active, effectiveFrom);
  }
  const row = rowOf(productId, terms, active);
  const version = await deps.db.transaction(async (tx) => {
    const inserted = await insertProductVersion(tx, {
      productId,
      kind: change,
      status: 'pending',
      effectiveFrom,
      productKind: row.kind,
      name: row.name,
      minAmount: row.minAmount,
      maxAmount: row.maxAmount,
      amountStep: row.amountStep,
      minTerm: row.minTerm,
      maxTerm: row.maxTerm,
      dailyRateBp: row.dailyRateBp,
      firstLoanDailyRateBp: row.firstLoanDailyRateBp,
      allowsParallelLoans: row.allowsParallelLoans,
      prolongationWhenOverdue: row.prolongationWhenOverdue,
      active,
      comment: input.comment || null,
      proposedBy: actor.staffId,
      createdAt: deps.clock.now(),
    });
    await audit(tx, {
      actor,
      action: 'backoffice.product.proposed',
      subjectId: inserted.id,
      details: { productId, change, effectiveFrom, terms, active },
      meta,
    });
    return inserted;
  });
  return versionView(deps, version);
}

/**
 * Approves or rejects a pending change (permission products.approve), audited as `backoffice.product.approved` /
 * `.rejected` in the same transaction. An approved new product gets its row (shown from its effective date on).
 * Throws CHANGE_NOT_FOUND, CHANGE_NOT_PENDING (decided already), SAME_PERSON_APPROVAL (the proposer decides),
 * VALIDATION_FAILED (approving terms the rule set in force on the effective date no longer allows).
 */
export async function decideProductChange(
  deps: Deps,
  {
    actor,
    versionId,
    approve,
    meta,
  }: { actor: StaffActor; versionId: string; approve: boolean; meta: RequestMeta },
): Promise<ProductVersion> {
  const decided = await deps.db.transaction(async (tx) => {
    const version = await lockProductVersion(tx, versionId);
    if (!version) throw new AppError('CHANGE_NOT_FOUND');
    if (version.status !== 'pending') throw new AppError('CHANGE_NOT_PENDING');
    if (version.proposedBy === actor.staffId) throw new AppError('SAME_PERSON_APPROVAL');
    if (approve && version.active)
      assertLawful(version.productId, termsOf(version), version.active, version.effectiveFrom);
    const decision = {
      status: approve ? ('approved' as const) : ('rejected' as const),
      decidedBy: actor.staffId,
      decidedAt: deps.clock.now(),
    };
    if (!(await decideProductVersion(tx, versionId, decision))) throw new AppError('CHANGE_NOT_PENDING');
    if (approve && version.kind === 'create')
      await insertProductIfAbsent(tx, { ...productOfVersion(version, decision.decidedAt) });
    await audit(tx, {
      actor,
      action: approve ? 'backoffice.product.approved' : 'backoffice.product.rejected',
      subjectId: versionId,
      details: { productId: version.productId, change: version.kind, effectiveFrom: version.effectiveFrom },
      meta,
    });
    return { ...version, ...decision };
  });
  return versionView(deps, decided);
}

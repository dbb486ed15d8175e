// The budget an organisation has left for the financial year a project's pledges count against, shown before a
// pledge or a withdrawal is confirmed.
import { html, type TemplateResult } from "lit-html";
import type { Budget } from "../../gen/cofund/v1/common_pb.js";
import { organisations } from "../../api/clients.js";
import { describe, type Problem } from "../../api/errors.js";
import { formatMoney, formatPence } from "../../api/money.js";

/** A budget, or why it could not be read. */
export type BudgetResult = { budget: Budget } | { problem: Problem };

/** Reads one organisation's budget for one financial year. */
export async function loadBudget(organisationCode: string, financialYear: string, signal: AbortSignal): Promise<BudgetResult> {
  try {
    const response = await organisations.getBudget({ organisationCode, financialYear }, { signal });
    return { budget: response.budget! };
  } catch (error) {
    return { problem: describe(error) };
  }
}

/** "£40,000 available now; £35,000 after this pledge" with a change in pence (negative for a pledge). */
export function budgetChange(result: BudgetResult | undefined, change: bigint, after: string): TemplateResult {
  if (!result) {
    return html`Loading the budget…`;
  }
  if ("problem" in result) {
    return html`Not available to you (${result.problem.apiMessage || result.problem.headline})`;
  }
  const available = result.budget.available?.minorUnits ?? 0n;
  return html`<span id="budget-available">${formatMoney(result.budget.available)}</span> available now (ceiling ${formatMoney(result.budget.ceiling)});
    <span id="budget-after">${formatPence(available + change)}</span> ${after}`;
}

/**
 * Smart forms: a small line-oriented language for a form and its approval flow, a parser that names
 * the line and column of every error, a formatter that prints it back canonically, and a compiler
 * to JSON Schema (the form) and a flow description (the approval steps).
 *
 * <pre>
 * form Expense claim
 *
 * field amount: money, required, label "Amount", min 0
 * field type: choice (travel | meals | equipment | training), required
 * field receipt: attachment, optional
 * field note: text, optional, shown when type = travel
 *
 * approval
 * step team_lead: manager of applicant
 * step finance: role finance
 * step director: user director, when amount > 5000
 * step hr_legal: role hr and role legal, all must approve
 * on reject finance: back to team_lead
 * on timeout finance after 48h: escalate to role finance_lead
 * copy to role audit
 * </pre>
 */
package dev.scion.forms;

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
 *
 * <p>{@link dev.scion.forms.FormRuntime} runs the compiled flows on Flowable. Who a step names is
 * resolved through an organisation {@link dev.scion.forms.Directory}: the applicant's manager for
 * {@code manager of applicant}, the members of a role for {@code role X}. A decision is accepted
 * only from the task's assignee or a member of one of its roles ({@link
 * dev.scion.forms.FormAccessException} otherwise, the task left open), and the audit names who
 * really decided and what they said.
 */
package dev.scion.forms;

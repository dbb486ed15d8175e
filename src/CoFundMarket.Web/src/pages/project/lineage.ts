// A project's lineage, both ways: the delivered project it adapts ("Adapted from …") and the projects proposed as
// adaptations of it. Their titles come from GetProject; an adaptation the visitor may not see yet (a draft of another
// organisation) is counted but not named.
import { html, nothing, type TemplateResult } from "lit-html";
import { type Project, ProjectStatus } from "../../gen/cofund/v1/common_pb.js";
import { projects } from "../../api/clients.js";
import { isCancelled } from "../../api/errors.js";
import { currentSession, isAdmin } from "../../session/session.js";
import { projectStatusTag } from "../../ui/status.js";

/** A related project as far as the visitor may see it: the project, or null when it is not visible to them. */
type Related = Project | null;

export class Lineage {
  private readonly related = new Map<string, Related>();
  private readonly asked = new Set<string>();

  /** Loads the related projects not loaded yet; `changed` renders again once they are in. */
  load(project: Project, signal: AbortSignal, changed: () => void): void {
    const ids = [project.adaptedFromProjectId, ...project.adaptationProjectIds].filter((id) => id && !this.asked.has(id));
    if (ids.length === 0) {
      return;
    }
    ids.forEach((id) => this.asked.add(id));
    void Promise.all(ids.map(async (id) => {
      try {
        this.related.set(id, (await projects.getProject({ projectId: id }, { signal })).project ?? null);
      } catch (error) {
        if (isCancelled(error)) {
          return;
        }
        // Not found, or not visible to this visitor: counted, not named. Asked again on the next visit.
        this.related.set(id, null);
      }
    })).then(() => {
      if (!signal.aborted) {
        changed();
      }
    });
  }

  /** "Adapted from <original>", under the page's lead text. */
  adaptedFrom(project: Project): TemplateResult | typeof nothing {
    if (!project.adaptedFromProjectId) {
      return nothing;
    }
    const original = this.related.get(project.adaptedFromProjectId);
    return html`<p class="app-adapted-from" id="adapted-from">Adapted from <a href="/projects/${project.adaptedFromProjectId}">${original?.title ?? "a delivered project"}</a></p>`;
  }

  /** The adaptations of a delivered project, and a way for an organisation to propose another. */
  adaptations(project: Project): TemplateResult | typeof nothing {
    const delivered = project.status === ProjectStatus.DELIVERED;
    if (!delivered && project.adaptationProjectIds.length === 0) {
      return nothing;
    }
    const session = currentSession();
    const canPropose = delivered && !!session?.organisationCode && !isAdmin(session);
    const shown = project.adaptationProjectIds.flatMap((id) => {
      const related = this.related.get(id);
      return related ? [related] : [];
    });
    const loading = project.adaptationProjectIds.some((id) => !this.related.has(id));
    const unnamed = loading ? 0 : project.adaptationCount - shown.length;
    return html`<section aria-labelledby="adaptations-heading">
      <h2 class="nhsuk-heading-m" id="adaptations-heading">Adaptations</h2>
      ${project.adaptationCount === 0
        ? html`<p>No project has adapted it yet.</p>`
        : html`<p>Projects that adapt this one for other people or places:</p>
          <ul class="nhsuk-list nhsuk-list--bullet" id="adaptations">
            ${shown.map((a) => html`<li data-project-id=${a.id}><a href="/projects/${a.id}">${a.title}</a> ${projectStatusTag(a.status)}</li>`)}
            ${unnamed > 0 ? html`<li>${unnamed} more not published yet</li>` : nothing}
          </ul>`}
      ${canPropose ? html`<p><a class="nhsuk-button nhsuk-button--secondary" id="propose-adaptation" href="/projects/new?adapts=${encodeURIComponent(project.id)}" role="button" draggable="false">Propose an adaptation</a></p>` : nothing}
    </section>`;
  }
}

// The organisations, loaded once per visit: every page names organisations by their ODS code, and the marketplace
// has a few hundred of them (7 regions, 36 ICBs, 199 trusts), which one ListOrganisations page holds.
import { type Organisation, OrganisationKind } from "../gen/cofund/v1/common_pb.js";
import { organisations } from "../api/clients.js";

/** Every organisation by ODS code. */
export interface Directory {
  byCode: Map<string, Organisation>;
  /** "Gloucestershire Hospitals NHS Foundation Trust" for "RTE", or the code itself when unknown. */
  name(code: string): string;
  /** Organisations of one kind, by name. */
  ofKind(kind: OrganisationKind): Organisation[];
}

let loaded: Promise<Directory> | undefined;

/** The directory, loading it on first use (a failed load is tried again next time). */
export function directory(): Promise<Directory> {
  loaded ??= load().catch((error: unknown) => {
    loaded = undefined;
    throw error;
  });
  return loaded;
}

async function load(): Promise<Directory> {
  const byCode = new Map<string, Organisation>();
  let pageToken = "";
  do {
    const page = await organisations.listOrganisations({ pageSize: 500, pageToken });
    page.organisations.forEach((o) => byCode.set(o.code, o));
    pageToken = page.nextPageToken;
  } while (pageToken);
  const sorted = [...byCode.values()].sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
  return {
    byCode,
    name: (code) => byCode.get(code)?.name ?? code,
    ofKind: (kind) => sorted.filter((o) => o.kind === kind),
  };
}

#!/usr/bin/python3
"""The whole co-funding flow against a running gateway, with Debian's grpcio (C-core underneath).

Message classes and stubs are generated at run time from the public protos with Debian's grpc_tools (python3-grpc-tools):
nothing here comes from the .NET side. The plan (JSON: address, protos, tokens, organisations, deadline) is written by
the .NET test. Prints one JSON object with what it saw on the last line; exits non-zero on any failure.

usage: cofund_flow.py PLAN.json
"""
import json
import os
import queue
import sys
import tempfile
import threading

import grpc
import grpc_tools
from grpc_tools import protoc

TIMEOUT = 30


def generate(protos, out):
    well_known = os.path.join(os.path.dirname(grpc_tools.__file__), "_proto")
    files = [os.path.join(protos, "cofund", "v1", name) for name in sorted(os.listdir(os.path.join(protos, "cofund", "v1"))) if name.endswith(".proto")]
    code = protoc.main(["grpc_tools.protoc", "-I" + protos, "-I" + well_known, "--python_out=" + out, "--grpc_python_out=" + out] + files)
    if code != 0:
        raise RuntimeError("protoc failed with %d" % code)
    sys.path.insert(0, out)


def expect(condition, what):
    if not condition:
        raise AssertionError(what)


def auth(token):
    return [("authorization", "Bearer " + token)]


def main(plan_path):
    with open(plan_path) as f:
        plan = json.load(f)
    generated = tempfile.mkdtemp(prefix="cofund-py-")
    generate(plan["protos"], generated)
    from cofund.v1 import common_pb2 as common
    from cofund.v1 import marketplace_service_pb2 as market, marketplace_service_pb2_grpc as market_grpc
    from cofund.v1 import organisation_service_pb2 as orgs, organisation_service_pb2_grpc as orgs_grpc
    from cofund.v1 import pledge_service_pb2 as pledges, pledge_service_pb2_grpc as pledges_grpc
    from cofund.v1 import project_service_pb2 as projects, project_service_pb2_grpc as projects_grpc

    prefix = plan["requestPrefix"]
    admin = auth(plan["adminToken"])
    lead = plan["lead"]
    gbp = lambda pounds: common.Money(currency_code="GBP", minor_units=pounds * 100)
    channel = grpc.insecure_channel(plan["target"])
    grpc.channel_ready_future(channel).result(timeout=TIMEOUT)
    organisation_service = orgs_grpc.OrganisationServiceStub(channel)
    project_service = projects_grpc.ProjectServiceStub(channel)
    pledge_service = pledges_grpc.PledgeServiceStub(channel)
    marketplace = market_grpc.MarketplaceServiceStub(channel)

    registered = organisation_service.RegisterOrganisation(orgs.RegisterOrganisationRequest(
        request_id=prefix + "register", organisation_code=lead["org"], name="Interop test body " + lead["org"],
        kind=common.ORGANISATION_KIND_OTHER_PUBLIC_BODY, region_code="Y58"), metadata=admin, timeout=TIMEOUT).organisation
    expect(registered.code == lead["org"], "registered %s" % registered.code)
    for funder in plan["funders"]:
        organisation_service.SetBudget(orgs.SetBudgetRequest(
            request_id=prefix + "budget-" + funder["org"], organisation_code=funder["org"], financial_year=plan["financialYear"],
            ceiling=gbp(100000)), metadata=admin, timeout=TIMEOUT)

    deadline = plan["deadline"]
    created = project_service.CreateProject(projects.CreateProjectRequest(
        request_id=prefix + "create", title="Interop: shared rota tool (" + lead["org"] + ")", summary="Built once by the Python interop flow.",
        category="Workforce", lead_organisation_code=lead["org"], region_codes=["Y58"], target=gbp(30000), min_funders=len(plan["funders"]),
        funding_deadline=common.Date(year=deadline["year"], month=deadline["month"], day=deadline["day"]), licence="MIT"),
        metadata=auth(lead["token"]), timeout=TIMEOUT).project
    expect(created.status == common.PROJECT_STATUS_DRAFT, "created in %s" % created.status)
    project_id = created.id
    submitted = project_service.SubmitProject(projects.SubmitProjectRequest(request_id=prefix + "submit", project_id=project_id), metadata=auth(lead["token"]), timeout=TIMEOUT).project
    expect(submitted.status == common.PROJECT_STATUS_SUBMITTED, "submitted: %s" % submitted.status)
    approved = project_service.ApproveProject(projects.ApproveProjectRequest(request_id=prefix + "approve", project_id=project_id), metadata=admin, timeout=TIMEOUT).project
    expect(approved.status == common.PROJECT_STATUS_OPEN, "approved: %s" % approved.status)

    # Watch the project (public: no token) on a thread; the first message is its current state.
    states = queue.Queue()
    watch = project_service.WatchProject(projects.WatchProjectRequest(project_id=project_id))

    def read_watch():
        try:
            for response in watch:
                states.put(response.project)
        except grpc.RpcError as e:
            states.put(e)

    threading.Thread(target=read_watch, daemon=True).start()
    watched = [states.get(timeout=TIMEOUT)]
    expect(not isinstance(watched[0], grpc.RpcError), "watch failed: %s" % watched[0])
    expect(watched[0].status == common.PROJECT_STATUS_OPEN, "first watched state %s" % watched[0].status)

    pledge_statuses = []
    for funder in plan["funders"]:
        pledge = pledge_service.CreatePledge(pledges.CreatePledgeRequest(
            request_id=prefix + "pledge-" + funder["org"], project_id=project_id, organisation_code=funder["org"], amount=gbp(10000)),
            metadata=auth(funder["token"]), timeout=TIMEOUT).pledge
        pledge_statuses.append(common.PledgeStatus.Name(pledge.status))

    while watched[-1].status != common.PROJECT_STATUS_FUNDED:
        state = states.get(timeout=TIMEOUT)
        expect(not isinstance(state, grpc.RpcError), "watch failed: %s" % state)
        watched.append(state)
    watch.cancel()
    versions = [s.version for s in watched]
    expect(versions == sorted(set(versions)), "versions not increasing: %s" % versions)

    # The feed from the beginning up to our approval, then from that position on: gap-free, in order.
    def events_after(position, stop):
        seen = []
        stream = marketplace.WatchEvents(market.WatchEventsRequest(after_position=position), metadata=admin)
        try:
            for response in stream:
                seen.append(response.event)
                if stop(response.event):
                    break
        finally:
            stream.cancel()
        return seen

    ours = lambda e, kind: e.entity_type == "project" and e.entity_id == project_id and e.type == kind
    approved_position = events_after(0, lambda e: ours(e, "ProjectApproved"))[-1].position
    later = events_after(approved_position, lambda e: ours(e, "ProjectFunded"))
    positions = [e.position for e in later]
    expect(positions == list(range(approved_position + 1, approved_position + 1 + len(positions))), "positions not gap-free: %s" % positions)

    try:
        pledge_service.CreatePledge(pledges.CreatePledgeRequest(
            request_id=prefix + "late", project_id=project_id, organisation_code=plan["funders"][0]["org"], amount=gbp(1)),
            metadata=auth(plan["funders"][0]["token"]), timeout=TIMEOUT)
        raise AssertionError("a pledge to a funded project was accepted")
    except grpc.RpcError as e:
        refusal = {"code": e.code().name, "message": e.details(), "hasDetails": any(k == "grpc-status-details-bin" for k, _ in e.trailing_metadata() or [])}

    print(json.dumps({
        "projectId": project_id,
        "watchedStatuses": [common.ProjectStatus.Name(s.status) for s in watched],
        "pledgeStatuses": pledge_statuses,
        "approvedPosition": approved_position,
        "eventTypes": [e.type for e in later if e.entity_id == project_id or e.entity_type == "pledge"],
        "refusal": refusal,
    }))


if __name__ == "__main__":
    main(sys.argv[1])

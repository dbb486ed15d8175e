#!/usr/bin/env node
// The whole co-funding flow against a running gateway, with Node's @grpc/grpc-js (pure JavaScript HTTP/2) and
// @grpc/proto-loader reading the public protos: nothing here comes from the .NET side. The plan (JSON: address,
// protos, tokens, organisations, deadline) is written by the .NET test. Prints one JSON object with what it saw on
// the last line; exits non-zero on any failure.
//
// usage: node cofund_flow.js PLAN.json
'use strict';
const fs = require('fs');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const TIMEOUT_MS = 30000;

function expect(condition, what) {
  if (!condition) throw new Error(what);
}

function auth(token) {
  const metadata = new grpc.Metadata();
  metadata.set('authorization', 'Bearer ' + token);
  return metadata;
}

function unary(client, method, request, token) {
  return new Promise((resolve, reject) => {
    const args = [request];
    if (token) args.push(auth(token));
    args.push({ deadline: Date.now() + TIMEOUT_MS }, (error, response) => (error ? reject(error) : resolve(response)));
    client[method](...args);
  });
}

// Reads a server stream until `stop` says so (or it fails), then cancels it.
function readUntil(stream, stop) {
  return new Promise((resolve, reject) => {
    const seen = [];
    const timer = setTimeout(() => { stream.cancel(); reject(new Error('stream timed out after ' + seen.length + ' messages')); }, TIMEOUT_MS);
    stream.on('data', (message) => {
      seen.push(message);
      if (stop(message)) { clearTimeout(timer); stream.cancel(); resolve(seen); }
    });
    stream.on('error', (error) => { clearTimeout(timer); if (error.code !== grpc.status.CANCELLED) reject(error); });
    stream.on('end', () => { clearTimeout(timer); reject(new Error('stream ended after ' + seen.length + ' messages')); });
  });
}

async function main(planPath) {
  const plan = JSON.parse(fs.readFileSync(planPath, 'utf8'));
  const dir = path.join(plan.protos, 'cofund', 'v1');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.proto')).map((f) => path.join('cofund', 'v1', f));
  const definition = protoLoader.loadSync(files, { includeDirs: [plan.protos], keepCase: false, longs: Number, enums: String, defaults: true });
  const v1 = grpc.loadPackageDefinition(definition).cofund.v1;
  const credentials = grpc.credentials.createInsecure();
  const organisations = new v1.OrganisationService(plan.target, credentials);
  const projects = new v1.ProjectService(plan.target, credentials);
  const pledges = new v1.PledgeService(plan.target, credentials);
  const marketplace = new v1.MarketplaceService(plan.target, credentials);
  const prefix = plan.requestPrefix;
  const lead = plan.lead;
  const gbp = (pounds) => ({ currencyCode: 'GBP', minorUnits: pounds * 100 });

  const registered = (await unary(organisations, 'RegisterOrganisation', {
    requestId: prefix + 'register', organisationCode: lead.org, name: 'Interop test body ' + lead.org,
    kind: 'ORGANISATION_KIND_OTHER_PUBLIC_BODY', regionCode: 'Y58' }, plan.adminToken)).organisation;
  expect(registered.code === lead.org, 'registered ' + registered.code);
  for (const funder of plan.funders) {
    await unary(organisations, 'SetBudget', {
      requestId: prefix + 'budget-' + funder.org, organisationCode: funder.org, financialYear: plan.financialYear, ceiling: gbp(100000) }, plan.adminToken);
  }

  const created = (await unary(projects, 'CreateProject', {
    requestId: prefix + 'create', title: 'Interop: shared rota tool (' + lead.org + ')', summary: 'Built once by the Node interop flow.',
    category: 'Workforce', leadOrganisationCode: lead.org, regionCodes: ['Y58'], target: gbp(30000), minFunders: plan.funders.length,
    fundingDeadline: plan.deadline, licence: 'MIT' }, lead.token)).project;
  expect(created.status === 'PROJECT_STATUS_DRAFT', 'created in ' + created.status);
  const projectId = created.id;
  const submitted = (await unary(projects, 'SubmitProject', { requestId: prefix + 'submit', projectId }, lead.token)).project;
  expect(submitted.status === 'PROJECT_STATUS_SUBMITTED', 'submitted: ' + submitted.status);
  const approved = (await unary(projects, 'ApproveProject', { requestId: prefix + 'approve', projectId }, plan.adminToken)).project;
  expect(approved.status === 'PROJECT_STATUS_OPEN', 'approved: ' + approved.status);

  // Watch the project (public: no token): the first message is its current state, then one per change.
  const watched = [];
  let firstState;
  const first = new Promise((resolve) => { firstState = resolve; });
  const funded = readUntil(projects.WatchProject({ projectId }), (response) => {
    watched.push(response.project);
    if (watched.length === 1) firstState();
    return response.project.status === 'PROJECT_STATUS_FUNDED';
  });
  await Promise.race([first, funded]);
  expect(watched[0].status === 'PROJECT_STATUS_OPEN', 'first watched state ' + watched[0].status);

  const pledgeStatuses = [];
  for (const funder of plan.funders) {
    const pledge = (await unary(pledges, 'CreatePledge', {
      requestId: prefix + 'pledge-' + funder.org, projectId, organisationCode: funder.org, amount: gbp(10000) }, funder.token)).pledge;
    pledgeStatuses.push(pledge.status);
  }

  await funded;
  const versions = watched.map((p) => p.version);
  expect(versions.every((v, i) => i === 0 || v > versions[i - 1]), 'versions not increasing: ' + versions);

  // The feed from the beginning up to our approval, then from that position on: gap-free, in order.
  const ours = (e, type) => e.entityType === 'project' && e.entityId === projectId && e.type === type;
  const metadata = auth(plan.adminToken);
  const upToApproval = await readUntil(marketplace.WatchEvents({ afterPosition: 0 }, metadata), (r) => ours(r.event, 'ProjectApproved'));
  const approvedPosition = upToApproval[upToApproval.length - 1].event.position;
  const later = (await readUntil(marketplace.WatchEvents({ afterPosition: approvedPosition }, metadata), (r) => ours(r.event, 'ProjectFunded'))).map((r) => r.event);
  expect(later.every((e, i) => e.position === approvedPosition + 1 + i), 'positions not gap-free: ' + later.map((e) => e.position));

  let refusal;
  try {
    await unary(pledges, 'CreatePledge', {
      requestId: prefix + 'late', projectId, organisationCode: plan.funders[0].org, amount: gbp(1) }, plan.funders[0].token);
    throw new Error('a pledge to a funded project was accepted');
  } catch (error) {
    if (error.code === undefined) throw error;
    const name = Object.keys(grpc.status).find((k) => grpc.status[k] === error.code);
    refusal = { code: name, message: error.details, hasDetails: error.metadata.get('grpc-status-details-bin').length > 0 };
  }

  console.log(JSON.stringify({
    projectId,
    watchedStatuses: watched.map((p) => p.status),
    pledgeStatuses,
    approvedPosition,
    eventTypes: later.filter((e) => e.entityId === projectId || e.entityType === 'pledge').map((e) => e.type),
    refusal,
  }));
  for (const client of [organisations, projects, pledges, marketplace]) client.close();
}

main(process.argv[2]).catch((error) => {
  console.error(error.stack || String(error));
  process.exit(1);
});

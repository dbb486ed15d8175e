// The cofund.v1 clients over gRPC-Web to the page's own origin (the gateway's HTTP/1.1 port serves the app and the
// API), with the signed-in person's token as `authorization: Bearer` metadata on every call.
import { createClient, type Interceptor } from "@connectrpc/connect";
import { createGrpcWebTransport } from "@connectrpc/connect-web";
import { MarketplaceService } from "../gen/cofund/v1/marketplace_service_pb.js";
import { OrganisationService } from "../gen/cofund/v1/organisation_service_pb.js";
import { PledgeService } from "../gen/cofund/v1/pledge_service_pb.js";
import { ProjectService } from "../gen/cofund/v1/project_service_pb.js";
import { currentToken } from "../session/session.js";

const bearer: Interceptor = (next) => (request) => {
  const token = currentToken();
  if (token) {
    request.header.set("authorization", `Bearer ${token}`);
  }
  return next(request);
};

const transport = createGrpcWebTransport({
  baseUrl: window.location.origin,
  // Binary protobuf: smaller than JSON and the only form the gateway's gRPC-Web speaks besides base64 text.
  useBinaryFormat: true,
  interceptors: [bearer],
});

export const projects = createClient(ProjectService, transport);
export const pledges = createClient(PledgeService, transport);
export const organisations = createClient(OrganisationService, transport);
export const marketplace = createClient(MarketplaceService, transport);

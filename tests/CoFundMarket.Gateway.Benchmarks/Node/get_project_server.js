#!/usr/bin/env node
// The comparison point of the gateway benchmarks: a @grpc/grpc-js server answering cofund.v1.ProjectService/GetProject
// with one project held in memory (decoded once from RESPONSE, serialized per call as any grpc-js server does).
// Prints "listening on PORT" once it serves.
//
// usage: node get_project_server.js PROTOS_DIR RESPONSE_FILE
'use strict';
const fs = require('fs');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const [protos, responseFile] = process.argv.slice(2);
const definition = protoLoader.loadSync(path.join('cofund', 'v1', 'project_service.proto'), { includeDirs: [protos], keepCase: false, longs: String, enums: String, defaults: false });
const service = grpc.loadPackageDefinition(definition).cofund.v1.ProjectService.service;
const response = service.GetProject.responseDeserialize(fs.readFileSync(responseFile));

const server = new grpc.Server();
server.addService(service, {
  GetProject: (call, callback) => callback(null, response),
});
server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, port) => {
  if (error) {
    console.error(error.message);
    process.exit(1);
  }
  console.log('listening on ' + port);
});
process.on('SIGTERM', () => server.forceShutdown());

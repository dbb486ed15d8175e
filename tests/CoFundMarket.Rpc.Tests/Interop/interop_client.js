// gRPC interop test cases (grpc/grpc doc/interop-test-descriptions.md) run with @grpc/grpc-js.
// Loads the .NET tests' test.proto at run time with @grpc/proto-loader; prints PASS/FAIL per case and a closing
// 'N passed, N failed' line; exits non-zero if any case failed.
//
// usage: node interop_client.js --port P --protos DIR [--tls-ca PEM] CASE [CASE ...]
'use strict';

const fs = require('fs');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const SPECIAL_MESSAGE = '\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \u{1F608}\t\n';

function parseArguments(argv) {
  const options = { cases: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--port') options.port = Number(argv[++i]);
    else if (argv[i] === '--protos') options.protos = argv[++i];
    else if (argv[i] === '--tls-ca') options.tlsCa = argv[++i];
    else options.cases.push(argv[i]);
  }
  return options;
}

function expect(condition, what) {
  if (!condition) throw new Error(what);
}

function zeros(size) {
  return { body: Buffer.alloc(size) };
}

function unary(client, method, request, options = {}) {
  return new Promise((resolve, reject) => {
    const metadata = options.metadata || new grpc.Metadata();
    const call = client[method](request, metadata, { deadline: options.deadline || Date.now() + 10000 }, (error, response) => {
      if (error) reject(error);
      else resolve({ response, headers: options.headers, trailers: options.trailers });
    });
    call.on('metadata', (m) => { options.headers = m; });
    call.on('status', (s) => { options.trailers = s.metadata; });
  });
}

async function expectStatus(promise, code, details) {
  try {
    await promise;
  } catch (error) {
    expect(error.code === code, `status ${error.code} (${error.details}), expected ${code}`);
    if (details !== undefined) expect(error.details === details, `details ${JSON.stringify(error.details)}, expected ${JSON.stringify(details)}`);
    return error;
  }
  throw new Error('the call succeeded');
}

function collect(call) {
  return new Promise((resolve, reject) => {
    const messages = [];
    call.on('data', (m) => messages.push(m));
    call.on('error', reject);
    call.on('end', () => resolve(messages));
  });
}

const cases = {
  async empty_unary(c) {
    const { response } = await unary(c.test, 'EmptyCall', {});
    expect(response !== undefined, 'no response');
  },

  async large_unary(c) {
    const { response } = await unary(c.test, 'UnaryCall', { responseSize: 314159, payload: zeros(271828) });
    expect(response.payload.body.length === 314159, `response size ${response.payload.body.length}`);
  },

  async client_compressed_unary(c) {
    await expectStatus(unary(c.test, 'UnaryCall', { expectCompressed: { value: true }, responseSize: 314159, payload: zeros(271828) }), grpc.status.INVALID_ARGUMENT);
    const { response } = await unary(c.gzipTest, 'UnaryCall', { expectCompressed: { value: true }, responseSize: 314159, payload: zeros(271828) });
    expect(response.payload.body.length === 314159, 'compressed request: response size');
    const plain = await unary(c.test, 'UnaryCall', { expectCompressed: { value: false }, responseSize: 314159, payload: zeros(271828) });
    expect(plain.response.payload.body.length === 314159, 'uncompressed request: response size');
  },

  async server_compressed_unary(c) {
    for (const value of [true, false]) {
      const { response } = await unary(c.test, 'UnaryCall', { responseCompressed: { value }, responseSize: 314159, payload: zeros(271828) });
      expect(response.payload.body.length === 314159, `response size with compressed=${value}`);
    }
  },

  async server_streaming(c) {
    const sizes = [31415, 9, 2653, 58979];
    const call = c.test.StreamingOutputCall({ responseParameters: sizes.map((size) => ({ size })) }, { deadline: Date.now() + 10000 });
    const received = (await collect(call)).map((m) => m.payload.body.length);
    expect(JSON.stringify(received) === JSON.stringify(sizes), `received ${received}`);
  },

  async client_streaming(c) {
    const result = new Promise((resolve, reject) => {
      const call = c.test.StreamingInputCall({ deadline: Date.now() + 10000 }, (error, response) => (error ? reject(error) : resolve(response)));
      for (const size of [27182, 8, 1828, 45904]) call.write({ payload: zeros(size) });
      call.end();
    });
    const response = await result;
    expect(response.aggregatedPayloadSize === 74922, `aggregated ${response.aggregatedPayloadSize}`);
  },

  async ping_pong(c) {
    const call = c.test.FullDuplexCall({ deadline: Date.now() + 10000 });
    const responses = [];
    let waiting = null;
    call.on('data', (m) => { responses.push(m); if (waiting) { const w = waiting; waiting = null; w(); } });
    const ended = new Promise((resolve, reject) => { call.on('end', resolve); call.on('error', reject); });
    const requestSizes = [27182, 8, 1828, 45904];
    const responseSizes = [31415, 9, 2653, 58979];
    for (let i = 0; i < 4; i++) {
      const arrived = new Promise((resolve) => { waiting = resolve; });
      call.write({ responseParameters: [{ size: responseSizes[i] }], payload: zeros(requestSizes[i]) });
      if (responses.length <= i) await arrived;
      expect(responses[i].payload.body.length === responseSizes[i], `response ${i} size`);
    }
    call.end();
    await ended;
    expect(responses.length === 4, `${responses.length} responses`);
  },

  async empty_stream(c) {
    const call = c.test.FullDuplexCall({ deadline: Date.now() + 10000 });
    call.end();
    const responses = await collect(call);
    expect(responses.length === 0, 'responses to no requests');
  },

  async status_code_and_message(c) {
    const status = { code: 2, message: 'test status message' };
    await expectStatus(unary(c.test, 'UnaryCall', { responseStatus: status }), grpc.status.UNKNOWN, 'test status message');
    const call = c.test.FullDuplexCall({ deadline: Date.now() + 10000 });
    call.write({ responseStatus: status });
    call.end();
    await expectStatus(collect(call), grpc.status.UNKNOWN, 'test status message');
  },

  async special_status_message(c) {
    await expectStatus(unary(c.test, 'UnaryCall', { responseStatus: { code: 2, message: SPECIAL_MESSAGE } }), grpc.status.UNKNOWN, SPECIAL_MESSAGE);
  },

  async unimplemented_method(c) {
    await expectStatus(rawEmpty(c.generic, '/grpc.testing.TestService/UnimplementedCall'), grpc.status.UNIMPLEMENTED);
  },

  async unimplemented_service(c) {
    await expectStatus(rawEmpty(c.generic, '/grpc.testing.UnimplementedService/UnimplementedCall'), grpc.status.UNIMPLEMENTED);
  },

  async timeout_on_sleeping_server(c) {
    const call = c.test.FullDuplexCall({ deadline: Date.now() + 1 });
    call.write({ payload: zeros(27182) });
    await expectStatus(collect(call), grpc.status.DEADLINE_EXCEEDED);
  },

  async cancel_after_begin(c) {
    const result = new Promise((resolve, reject) => {
      const call = c.test.StreamingInputCall({ deadline: Date.now() + 10000 }, (error, response) => (error ? reject(error) : resolve(response)));
      call.cancel();
    });
    await expectStatus(result, grpc.status.CANCELLED);
  },

  async cancel_after_first_response(c) {
    const call = c.test.FullDuplexCall({ deadline: Date.now() + 10000 });
    const finished = collect(call);
    call.write({ responseParameters: [{ size: 31415 }], payload: zeros(27182) });
    await new Promise((resolve) => call.once('data', resolve));
    call.cancel();
    await expectStatus(finished, grpc.status.CANCELLED);
  },

  async custom_metadata(c) {
    const metadata = new grpc.Metadata();
    metadata.set('x-grpc-test-echo-initial', 'test_initial_metadata_value');
    metadata.set('x-grpc-test-echo-trailing-bin', Buffer.from([0xab, 0xab, 0xab]));
    const options = { metadata };
    await unary(c.test, 'UnaryCall', { responseSize: 314159, payload: zeros(271828) }, options);
    checkEchoed(options.headers, options.trailers);

    const call = c.test.FullDuplexCall(metadata, { deadline: Date.now() + 10000 });
    let headers;
    let trailers;
    call.on('metadata', (m) => { headers = m; });
    call.on('status', (s) => { trailers = s.metadata; });
    const done = collect(call);
    call.write({ responseParameters: [{ size: 314159 }], payload: zeros(271828) });
    call.end();
    await done;
    await new Promise((resolve) => setImmediate(resolve));
    checkEchoed(headers, trailers);
  },
};

function checkEchoed(headers, trailers) {
  expect(headers && headers.get('x-grpc-test-echo-initial')[0] === 'test_initial_metadata_value', 'initial metadata not echoed');
  const trailing = trailers && trailers.get('x-grpc-test-echo-trailing-bin')[0];
  expect(Buffer.isBuffer(trailing) && trailing.equals(Buffer.from([0xab, 0xab, 0xab])), 'trailing metadata not echoed');
}

function rawEmpty(client, methodPath) {
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest(methodPath, () => Buffer.alloc(0), (b) => b, {}, new grpc.Metadata(), { deadline: Date.now() + 10000 },
      (error, response) => (error ? reject(error) : resolve(response)));
  });
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const definition = protoLoader.loadSync(path.join(options.protos, 'grpc/testing/test.proto'), {
    includeDirs: [options.protos], keepCase: false, longs: Number, enums: String, defaults: true,
  });
  const TestService = grpc.loadPackageDefinition(definition).grpc.testing.TestService;
  const address = options.tlsCa ? `localhost:${options.port}` : `127.0.0.1:${options.port}`;
  const credentials = options.tlsCa ? grpc.credentials.createSsl(fs.readFileSync(options.tlsCa)) : grpc.credentials.createInsecure();
  const clients = {
    test: new TestService(address, credentials),
    gzipTest: new TestService(address, credentials, { 'grpc.default_compression_algorithm': 2 }),
    generic: new grpc.Client(address, credentials),
  };

  let passed = 0;
  let failed = 0;
  for (const name of options.cases) {
    try {
      if (!cases[name]) throw new Error(`unknown case ${name}`);
      await cases[name](clients);
      passed++;
      console.log(`PASS ${name}`);
    } catch (error) {
      failed++;
      console.log(`FAIL ${name}\n${error.stack || error}`);
    }
  }
  for (const client of Object.values(clients)) client.close();
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main();

#!/usr/bin/python3
"""gRPC interop test cases (grpc/grpc doc/interop-test-descriptions.md) run with Debian's grpcio.

Uses grpc's generic API (no generated stubs): message classes come from a FileDescriptorSet the .NET tests
write from their test protos. Prints one PASS/FAIL line per case and a closing 'N passed, N failed' line;
exits non-zero if any case failed.

usage: interop_client.py --port P --descriptor-set FILE [--tls-ca PEM] CASE [CASE ...]
"""
import argparse
import sys
import traceback

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

SPECIAL_MESSAGE = "\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \U0001f608\t\n"


class Messages:
    def __init__(self, descriptor_set_path):
        files = descriptor_pb2.FileDescriptorSet()
        with open(descriptor_set_path, "rb") as f:
            files.ParseFromString(f.read())
        self._pool = descriptor_pool.DescriptorPool()
        for file in files.file:
            self._pool.Add(file)
        self._factory = None

    def __getattr__(self, name):
        descriptor = self._pool.FindMessageTypeByName("grpc.testing." + name)
        get_class = getattr(message_factory, "GetMessageClass", None)
        if get_class is not None:
            return get_class(descriptor)
        if self._factory is None:
            self._factory = message_factory.MessageFactory(self._pool)
        return self._factory.GetPrototype(descriptor)


class TestService:
    def __init__(self, channel, m):
        def method(kind, name, request, response):
            factory = getattr(channel, kind)
            return factory(
                "/grpc.testing.TestService/" + name,
                request_serializer=request.SerializeToString,
                response_deserializer=response.FromString,
            )

        self.EmptyCall = method("unary_unary", "EmptyCall", m.Empty, m.Empty)
        self.UnaryCall = method("unary_unary", "UnaryCall", m.SimpleRequest, m.SimpleResponse)
        self.StreamingOutputCall = method("unary_stream", "StreamingOutputCall", m.StreamingOutputCallRequest, m.StreamingOutputCallResponse)
        self.StreamingInputCall = method("stream_unary", "StreamingInputCall", m.StreamingInputCallRequest, m.StreamingInputCallResponse)
        self.FullDuplexCall = method("stream_stream", "FullDuplexCall", m.StreamingOutputCallRequest, m.StreamingOutputCallResponse)
        self.channel = channel
        self.m = m


def expect(condition, what):
    if not condition:
        raise AssertionError(what)


def expect_status(error, code, details=None):
    expect(error.code() == code, "status %s, expected %s (%s)" % (error.code(), code, error.details()))
    if details is not None:
        expect(error.details() == details, "details %r, expected %r" % (error.details(), details))


def zeros(m, size):
    return m.Payload(body=b"\0" * size)


def empty_unary(s):
    response = s.EmptyCall(s.m.Empty(), timeout=10)
    expect(response == s.m.Empty(), "response is not empty")


def large_unary(s):
    response = s.UnaryCall(s.m.SimpleRequest(response_size=314159, payload=zeros(s.m, 271828)), timeout=10)
    expect(len(response.payload.body) == 314159, "response size %d" % len(response.payload.body))


def client_compressed_unary(s):
    m = s.m
    try:
        s.UnaryCall(m.SimpleRequest(expect_compressed=m.BoolValue(value=True), response_size=314159, payload=zeros(m, 271828)), timeout=10)
        raise AssertionError("the uncompressed probe was accepted")
    except grpc.RpcError as error:
        expect_status(error, grpc.StatusCode.INVALID_ARGUMENT)
    response = s.UnaryCall(
        m.SimpleRequest(expect_compressed=m.BoolValue(value=True), response_size=314159, payload=zeros(m, 271828)),
        timeout=10,
        compression=grpc.Compression.Gzip,
    )
    expect(len(response.payload.body) == 314159, "compressed request: response size")
    response = s.UnaryCall(m.SimpleRequest(expect_compressed=m.BoolValue(value=False), response_size=314159, payload=zeros(m, 271828)), timeout=10)
    expect(len(response.payload.body) == 314159, "uncompressed request: response size")


def server_compressed_unary(s):
    m = s.m
    for compressed in (True, False):
        response = s.UnaryCall(m.SimpleRequest(response_compressed=m.BoolValue(value=compressed), response_size=314159, payload=zeros(m, 271828)), timeout=10)
        expect(len(response.payload.body) == 314159, "response size with compressed=%s" % compressed)


def server_streaming(s):
    m = s.m
    sizes = [31415, 9, 2653, 58979]
    request = m.StreamingOutputCallRequest(response_parameters=[m.ResponseParameters(size=size) for size in sizes])
    received = [len(r.payload.body) for r in s.StreamingOutputCall(request, timeout=10)]
    expect(received == sizes, "received sizes %s" % received)


def server_compressed_streaming(s):
    m = s.m
    request = m.StreamingOutputCallRequest(response_parameters=[
        m.ResponseParameters(size=31415, compressed=m.BoolValue(value=True)),
        m.ResponseParameters(size=92653, compressed=m.BoolValue(value=False)),
    ])
    received = [len(r.payload.body) for r in s.StreamingOutputCall(request, timeout=10)]
    expect(received == [31415, 92653], "received sizes %s" % received)


def client_streaming(s):
    m = s.m
    requests = iter([m.StreamingInputCallRequest(payload=zeros(m, size)) for size in (27182, 8, 1828, 45904)])
    response = s.StreamingInputCall(requests, timeout=10)
    expect(response.aggregated_payload_size == 74922, "aggregated %d" % response.aggregated_payload_size)


def client_compressed_streaming(s):
    m = s.m
    requests = iter([
        m.StreamingInputCallRequest(expect_compressed=m.BoolValue(value=True), payload=zeros(m, 27182)),
        m.StreamingInputCallRequest(expect_compressed=m.BoolValue(value=True), payload=zeros(m, 45904)),
    ])
    response = s.StreamingInputCall(requests, timeout=10, compression=grpc.Compression.Gzip)
    expect(response.aggregated_payload_size == 73086, "aggregated %d" % response.aggregated_payload_size)


class Pipe:
    """A request iterator the test feeds one message at a time, for ping-pong."""

    def __init__(self):
        import queue
        self._queue = queue.Queue()

    def add(self, item):
        self._queue.put(item)

    def close(self):
        self._queue.put(None)

    def __iter__(self):
        return self

    def __next__(self):
        item = self._queue.get()
        if item is None:
            raise StopIteration()
        return item


def ping_pong(s):
    m = s.m
    requests = Pipe()
    responses = s.FullDuplexCall(requests, timeout=10)
    for request_size, response_size in zip((27182, 8, 1828, 45904), (31415, 9, 2653, 58979)):
        requests.add(m.StreamingOutputCallRequest(response_parameters=[m.ResponseParameters(size=response_size)], payload=zeros(m, request_size)))
        response = next(responses)
        expect(len(response.payload.body) == response_size, "response size %d" % len(response.payload.body))
    requests.close()
    expect(next(responses, None) is None, "more responses than requests")


def empty_stream(s):
    responses = list(s.FullDuplexCall(iter([]), timeout=10))
    expect(responses == [], "responses to no requests")


def status_code_and_message(s):
    m = s.m
    status = m.EchoStatus(code=2, message="test status message")
    try:
        s.UnaryCall(m.SimpleRequest(response_status=status), timeout=10)
        raise AssertionError("unary call succeeded")
    except grpc.RpcError as error:
        expect_status(error, grpc.StatusCode.UNKNOWN, "test status message")
    try:
        list(s.FullDuplexCall(iter([m.StreamingOutputCallRequest(response_status=status)]), timeout=10))
        raise AssertionError("duplex call succeeded")
    except grpc.RpcError as error:
        expect_status(error, grpc.StatusCode.UNKNOWN, "test status message")


def special_status_message(s):
    m = s.m
    try:
        s.UnaryCall(m.SimpleRequest(response_status=m.EchoStatus(code=2, message=SPECIAL_MESSAGE)), timeout=10)
        raise AssertionError("call succeeded")
    except grpc.RpcError as error:
        expect_status(error, grpc.StatusCode.UNKNOWN, SPECIAL_MESSAGE)


def unimplemented(s, path):
    call = s.channel.unary_unary(path, request_serializer=s.m.Empty.SerializeToString, response_deserializer=s.m.Empty.FromString)
    try:
        call(s.m.Empty(), timeout=10)
        raise AssertionError("call succeeded")
    except grpc.RpcError as error:
        expect_status(error, grpc.StatusCode.UNIMPLEMENTED)


def unimplemented_method(s):
    unimplemented(s, "/grpc.testing.TestService/UnimplementedCall")


def unimplemented_service(s):
    unimplemented(s, "/grpc.testing.UnimplementedService/UnimplementedCall")


def timeout_on_sleeping_server(s):
    m = s.m
    try:
        list(s.FullDuplexCall(iter([m.StreamingOutputCallRequest(payload=zeros(m, 27182))]), timeout=0.001))
        raise AssertionError("call succeeded")
    except grpc.RpcError as error:
        expect_status(error, grpc.StatusCode.DEADLINE_EXCEEDED)


def cancel_after_begin(s):
    future = s.StreamingInputCall.future(Pipe(), timeout=10)
    future.cancel()
    expect(future.cancelled(), "not cancelled")


def cancel_after_first_response(s):
    m = s.m
    requests = Pipe()
    responses = s.FullDuplexCall(requests, timeout=10)
    requests.add(m.StreamingOutputCallRequest(response_parameters=[m.ResponseParameters(size=31415)], payload=zeros(m, 27182)))
    next(responses)
    responses.cancel()
    try:
        next(responses)
        raise AssertionError("stream went on after cancel")
    except grpc.RpcError as error:
        expect_status(error, grpc.StatusCode.CANCELLED)


def custom_metadata(s):
    m = s.m
    metadata = (("x-grpc-test-echo-initial", "test_initial_metadata_value"), ("x-grpc-test-echo-trailing-bin", b"\xab\xab\xab"))
    response, call = s.UnaryCall.with_call(m.SimpleRequest(response_size=314159, payload=zeros(m, 271828)), metadata=metadata, timeout=10)
    check_echoed(call.initial_metadata(), call.trailing_metadata())
    responses = s.FullDuplexCall(iter([m.StreamingOutputCallRequest(response_parameters=[m.ResponseParameters(size=314159)], payload=zeros(m, 271828))]), metadata=metadata, timeout=10)
    for _ in responses:
        pass
    check_echoed(responses.initial_metadata(), responses.trailing_metadata())


def check_echoed(initial, trailing):
    initial = dict(initial)
    trailing = dict(trailing)
    expect(initial.get("x-grpc-test-echo-initial") == "test_initial_metadata_value", "initial metadata %r" % initial)
    expect(trailing.get("x-grpc-test-echo-trailing-bin") == b"\xab\xab\xab", "trailing metadata %r" % trailing)


CASES = {f.__name__: f for f in (
    empty_unary, large_unary, client_compressed_unary, server_compressed_unary, server_streaming,
    server_compressed_streaming, client_streaming, client_compressed_streaming, ping_pong, empty_stream,
    status_code_and_message, special_status_message, unimplemented_method, unimplemented_service,
    timeout_on_sleeping_server, cancel_after_begin, cancel_after_first_response, custom_metadata,
)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--descriptor-set", required=True)
    parser.add_argument("--tls-ca")
    parser.add_argument("cases", nargs="+", choices=sorted(CASES))
    args = parser.parse_args()

    m = Messages(args.descriptor_set)
    if args.tls_ca:
        with open(args.tls_ca, "rb") as f:
            credentials = grpc.ssl_channel_credentials(root_certificates=f.read())
        channel = grpc.secure_channel("localhost:%d" % args.port, credentials)
    else:
        channel = grpc.insecure_channel("127.0.0.1:%d" % args.port)

    passed = failed = 0
    with channel:
        service = TestService(channel, m)
        for name in args.cases:
            try:
                CASES[name](service)
                passed += 1
                print("PASS %s" % name)
            except Exception:
                failed += 1
                print("FAIL %s\n%s" % (name, traceback.format_exc()))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

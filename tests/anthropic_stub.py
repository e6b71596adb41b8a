"""A local stand-in for the Anthropic Messages API, so the real SDK can be tested without any network.

It speaks JSON and SSE streaming (every frame with an ``event:`` line), returns structured output when asked, and
can inject failures: an HTTP status (529, 401, ...), a slow answer, an error in the middle of a stream, a stop reason
other than ``end_turn`` (``refusal``, ``max_tokens``), any answer text (invalid JSON) and a page that is not the API
(``raw``). With ``models`` set, an
unknown model id is a 404 as on the real API.

Prompt caching is simulated as the API does it: a ``cache_control`` marker (on a system or message block, or at the
top level for the last block) writes the prefix up to that block when it is at least ``MIN_CACHEABLE`` tokens; a later
request reads the longest cached prefix that ends on one of the 20 blocks before a marker. Tokens are counted as
characters / 4.
"""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class Stub:
    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.behaviours: list[dict[str, Any]] = []
        self.lock = threading.Lock()
        self.cached_prefixes: set[str] = set()
        self.models: set[str] | None = None
        """Model ids the stub knows; None: every id is answered."""
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                record = {"path": self.path, "headers": dict(self.headers), "body": body}
                with stub.lock:
                    stub.requests.append(record)
                    behaviour = stub.behaviours.pop(0) if stub.behaviours else {}
                stub.handle(self, body, behaviour, record)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    def __enter__(self) -> Stub:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()

    def queue(self, *behaviours: dict[str, Any]) -> None:
        with self.lock:
            self.behaviours.extend(behaviours)

    # --- answers ------------------------------------------------------------------------------------------------

    MIN_CACHEABLE = 512
    LOOKBACK = 20

    @staticmethod
    def blocks(body: dict[str, Any]) -> list[dict[str, Any]]:
        """The request as the API caches it: system blocks, then every message's blocks, in order."""
        out: list[dict[str, Any]] = []
        system = body.get("system") or []
        out += [{"type": "text", "text": system}] if isinstance(system, str) else list(system)
        for message in body.get("messages", []):
            content = message["content"]
            blocks = [{"type": "text", "text": content}] if isinstance(content, str) else content
            out += [{**b, "role": message["role"]} for b in blocks]
        if body.get("cache_control") and out:
            out[-1] = {**out[-1], "cache_control": body["cache_control"]}
        return out

    @staticmethod
    def tokens(blocks: list[dict[str, Any]]) -> int:
        return sum(max(1, len(b.get("text", "")) // 4) for b in blocks)

    def usage(self, body: dict[str, Any]) -> dict[str, int]:
        blocks = self.blocks(body)
        model = body.get("model", "")

        def key(n: int) -> str:
            return json.dumps([model] + [(b.get("role"), b.get("text")) for b in blocks[:n]], ensure_ascii=False)

        marks = [n + 1 for n, b in enumerate(blocks) if b.get("cache_control")]
        read = create = 0
        with self.lock:
            for end in marks:
                for n in range(end, max(0, end - self.LOOKBACK) - 1, -1):
                    if n and key(n) in self.cached_prefixes:
                        read = max(read, self.tokens(blocks[:n]))
                        break
            if marks and self.tokens(blocks[: marks[-1]]) >= self.MIN_CACHEABLE:
                create = max(0, self.tokens(blocks[: marks[-1]]) - read)
                self.cached_prefixes.update(key(end) for end in marks)
        return {
            "input_tokens": self.tokens(blocks) - read - create,
            "output_tokens": 30,
            "cache_creation_input_tokens": create,
            "cache_read_input_tokens": read,
        }

    def caller_text(self, body: dict[str, Any]) -> str:
        last = body["messages"][-1]["content"]
        if not isinstance(last, str):
            last = "\n".join(b.get("text", "") for b in last)
        match = re.search(r"Voorbeeld van wat je kunt zeggen: (.*)", last)
        return (match.group(1).strip() if match else "Hallo?") + " (stub)"

    def judge_output(self, body: dict[str, Any]) -> dict[str, Any]:
        system = "".join(b["text"] for b in body.get("system", []))
        ids = re.findall(r"^- ([a-z0-9-]+) \(", system, flags=re.M)
        transcript = json.loads(
            re.search(r"<transcript>\n(.*)\n</transcript>", body["messages"][0]["content"], re.S).group(1)
        )
        learner = next(t for t in transcript if t["speaker"] == "learner")
        words = learner["text"].split()[:4]
        return {
            "criteria": [
                {
                    "id": cid,
                    "score": 70,
                    "rationale": "Redelijk gedaan.",
                    "quotes": [
                        {"turn": learner["turn"], "text": " ".join(words)},
                        {"turn": learner["turn"], "text": "dit citaat staat er niet"},
                    ],
                }
                for cid in ids
            ]
            + [{"id": "verzonnen-criterium", "score": 100, "rationale": "x", "quotes": []}],
            "summary": "Vraag vaker door.",
        }

    def handle(
        self,
        handler: BaseHTTPRequestHandler,
        body: dict[str, Any],
        behaviour: dict[str, Any],
        record: dict[str, Any] | None = None,
    ) -> None:
        """Answer one request; the usage it reports is kept in ``record["usage"]``."""
        if behaviour.get("sleep"):
            time.sleep(behaviour["sleep"])
        if "raw" in behaviour:  # not the API at all: a proxy's page with status 200
            data = behaviour["raw"].encode()
            handler.send_response(200)
            handler.send_header("content-type", behaviour.get("content_type", "text/html"))
            handler.send_header("content-length", str(len(data)))
            handler.end_headers()
            handler.wfile.write(data)
            return
        status = behaviour.get("status")
        if status:
            kinds = {
                400: "invalid_request_error",
                401: "authentication_error",
                404: "not_found_error",
                429: "rate_limit_error",
                500: "api_error",
                529: "overloaded_error",
            }
            self.error(handler, status, kinds.get(status, "api_error"))
            return
        model = body.get("model", "?")
        if self.models is not None and model not in self.models:
            self.error(handler, 404, "not_found_error")
            return
        usage = self.usage(body)
        if record is not None:
            record["usage"] = usage
        stop = behaviour.get("stop_reason", "end_turn")
        if "text" in behaviour:
            text = behaviour["text"]
        elif "json" in behaviour:
            text = json.dumps(behaviour["json"], ensure_ascii=False)
        elif (body.get("output_config") or {}).get("format"):
            text = json.dumps(self.judge_output(body), ensure_ascii=False)
        else:
            text = self.caller_text(body)
        if body.get("stream"):
            self.stream(handler, model, text, usage, behaviour.get("error_after"), stop)
            return
        message = {
            "id": "msg_stub",
            "type": "message",
            "role": "assistant",
            "model": model,
            "content": [{"type": "text", "text": text}],
            "stop_reason": stop,
            "stop_sequence": None,
            "usage": usage,
        }
        data = json.dumps(message).encode()
        handler.send_response(200)
        handler.send_header("content-type", "application/json")
        handler.send_header("content-length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    @staticmethod
    def error(handler: BaseHTTPRequestHandler, status: int, kind: str) -> None:
        payload = json.dumps({"type": "error", "error": {"type": kind, "message": "stub"}})
        handler.send_response(status)
        handler.send_header("content-type", "application/json")
        handler.send_header("retry-after-ms", "5")
        handler.end_headers()
        handler.wfile.write(payload.encode())

    def stream(
        self,
        handler: BaseHTTPRequestHandler,
        model: str,
        text: str,
        usage: dict,
        error_after: int | None,
        stop: str = "end_turn",
    ) -> None:
        handler.send_response(200)
        handler.send_header("content-type", "text/event-stream")
        handler.end_headers()

        def send(event: str, data: dict[str, Any]) -> None:
            handler.wfile.write(f"event: {event}\ndata: {json.dumps(data)}\n\n".encode())
            handler.wfile.flush()

        start_usage = {**usage, "output_tokens": 1}
        message = {
            "id": "msg_stub",
            "type": "message",
            "role": "assistant",
            "model": model,
            "content": [],
            "stop_reason": None,
            "stop_sequence": None,
            "usage": start_usage,
        }
        send("message_start", {"type": "message_start", "message": message})
        send(
            "content_block_start",
            {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
        )
        words = text.split(" ")
        for n, word in enumerate(words):
            if error_after is not None and n == error_after:
                send("error", {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}})
                return
            chunk = word if n == 0 else " " + word
            send(
                "content_block_delta",
                {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": chunk}},
            )
        send("content_block_stop", {"type": "content_block_stop", "index": 0})
        send(
            "message_delta",
            {
                "type": "message_delta",
                "delta": {"stop_reason": stop, "stop_sequence": None},
                "usage": {"output_tokens": usage["output_tokens"]},
            },
        )
        send("message_stop", {"type": "message_stop"})

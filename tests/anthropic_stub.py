"""A local stand-in for the Anthropic Messages API, so the real SDK can be tested without any network.

It speaks JSON and SSE streaming (every frame with an ``event:`` line), returns structured output when asked, and
can inject failures: an HTTP status (529, 401, ...), a slow answer, or an error in the middle of a stream.
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
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                with stub.lock:
                    stub.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
                    behaviour = stub.behaviours.pop(0) if stub.behaviours else {}
                stub.handle(self, body, behaviour)

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

    def usage(self, body: dict[str, Any]) -> dict[str, int]:
        system = body.get("system") or []
        cached = [b["text"] for b in system if isinstance(b, dict) and b.get("cache_control")]
        key = "\n".join(cached)
        read = create = 0
        if cached:
            with self.lock:
                if key in self.cached_prefixes:
                    read = 1500
                else:
                    create = 1500
                    self.cached_prefixes.add(key)
        return {
            "input_tokens": 120,
            "output_tokens": 30,
            "cache_creation_input_tokens": create,
            "cache_read_input_tokens": read,
        }

    def caller_text(self, body: dict[str, Any]) -> str:
        last = body["messages"][-1]["content"]
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

    def handle(self, handler: BaseHTTPRequestHandler, body: dict[str, Any], behaviour: dict[str, Any]) -> None:
        if behaviour.get("sleep"):
            time.sleep(behaviour["sleep"])
        status = behaviour.get("status")
        if status:
            kinds = {401: "authentication_error", 429: "rate_limit_error", 500: "api_error", 529: "overloaded_error"}
            payload = json.dumps(
                {"type": "error", "error": {"type": kinds.get(status, "api_error"), "message": "stub"}}
            )
            handler.send_response(status)
            handler.send_header("content-type", "application/json")
            handler.send_header("retry-after-ms", "5")
            handler.end_headers()
            handler.wfile.write(payload.encode())
            return
        model = body.get("model", "?")
        usage = self.usage(body)
        if (body.get("output_config") or {}).get("format"):
            text = json.dumps(self.judge_output(body), ensure_ascii=False)
        else:
            text = behaviour.get("text") or self.caller_text(body)
        if body.get("stream"):
            self.stream(handler, model, text, usage, behaviour.get("error_after"))
            return
        message = {
            "id": "msg_stub",
            "type": "message",
            "role": "assistant",
            "model": model,
            "content": [{"type": "text", "text": text}],
            "stop_reason": "end_turn",
            "stop_sequence": None,
            "usage": usage,
        }
        data = json.dumps(message).encode()
        handler.send_response(200)
        handler.send_header("content-type", "application/json")
        handler.send_header("content-length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    def stream(
        self, handler: BaseHTTPRequestHandler, model: str, text: str, usage: dict, error_after: int | None
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
                "delta": {"stop_reason": "end_turn", "stop_sequence": None},
                "usage": {"output_tokens": usage["output_tokens"]},
            },
        )
        send("message_stop", {"type": "message_stop"})

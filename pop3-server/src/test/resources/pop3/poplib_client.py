"""Drives Buzón's POP3 server with Python's standard poplib; prints one JSON object with what it saw."""
import json
import poplib
import ssl
import sys

host, port, mode, login, password, cafile = sys.argv[1:7]
context = ssl.create_default_context(cafile=cafile)
if mode == "stls":
    client = poplib.POP3(host, int(port), timeout=15)
    client.stls(context)
else:
    client = poplib.POP3_SSL(host, int(port), context=context, timeout=15)
capabilities = sorted(client.capa().keys())
client.user(login)
client.pass_(password)
count, size = client.stat()
response, lines, octets = client.retr(1)
uidl = client.uidl(1).decode()
top_response, top_lines, _ = client.top(1, 0)
client.dele(1)
quit_response = client.quit().decode()
print(json.dumps({
    "capabilities": capabilities,
    "count": count,
    "size": size,
    "retr": b"\r\n".join(lines).decode() + "\r\n",
    "retr_octets": octets,
    "uidl": uidl,
    "top_lines": len(top_lines),
    "quit": quit_response,
    "tls": mode,
}))

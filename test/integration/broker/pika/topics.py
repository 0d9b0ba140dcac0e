"""Tutorial 5: a topic exchange matches dotted keys against patterns with * (one word) and # (any words)."""
from common import connect

conn = connect()
ch = conn.channel()
ch.exchange_declare(exchange="topic_logs", exchange_type="topic")
patterns = {"kern": "kern.*", "critical": "*.critical", "all": "#"}
queues = {}
for name, pattern in patterns.items():
    q = ch.queue_declare(queue="", exclusive=True).method.queue
    ch.queue_bind(exchange="topic_logs", queue=q, routing_key=pattern)
    queues[name] = q
for key in ("kern.critical", "kern.info", "cron.critical", "cron.info.extra"):
    ch.basic_publish(exchange="topic_logs", routing_key=key, body=key)
for name, q in queues.items():
    got = []
    while True:
        method, _props, body = ch.basic_get(queue=q, auto_ack=True)
        if method is None:
            break
        got.append(body.decode())
    print(name, got)
ch.exchange_delete(exchange="topic_logs")
conn.close()

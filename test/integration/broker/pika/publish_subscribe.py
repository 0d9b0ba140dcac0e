"""Tutorial 3: a fanout exchange copies every log line to each subscriber's own temporary queue."""
from common import connect, consume_n

conn = connect()
ch = conn.channel()
ch.exchange_declare(exchange="logs", exchange_type="fanout")
subscribers = []
for _ in range(2):
    result = ch.queue_declare(queue="", exclusive=True)
    ch.queue_bind(exchange="logs", queue=result.method.queue)
    subscribers.append(result.method.queue)
for line in ("info: up", "warning: disk"):
    ch.basic_publish(exchange="logs", routing_key="", body=line)
for i, q in enumerate(subscribers):
    print("subscriber", i, consume_n(ch, q, 2))
ch.exchange_delete(exchange="logs")
conn.close()

"""Tutorial 4: a direct exchange sends each severity only to the queues bound with that severity."""
from common import connect, consume_n

conn = connect()
ch = conn.channel()
ch.exchange_declare(exchange="direct_logs", exchange_type="direct")
errors_only = ch.queue_declare(queue="", exclusive=True).method.queue
everything = ch.queue_declare(queue="", exclusive=True).method.queue
ch.queue_bind(exchange="direct_logs", queue=errors_only, routing_key="error")
for severity in ("info", "warning", "error"):
    ch.queue_bind(exchange="direct_logs", queue=everything, routing_key=severity)
for severity in ("info", "error", "warning"):
    ch.basic_publish(exchange="direct_logs", routing_key=severity, body=f"{severity} message")
print("errors", consume_n(ch, errors_only, 1))
print("all", consume_n(ch, everything, 3))
ch.exchange_delete(exchange="direct_logs")
conn.close()

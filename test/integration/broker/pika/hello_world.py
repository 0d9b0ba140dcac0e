"""Tutorial 1: one producer sends a greeting through the default exchange, one consumer prints it."""
from common import connect, consume_n

conn = connect()
ch = conn.channel()
ch.queue_declare(queue="hello")
ch.basic_publish(exchange="", routing_key="hello", body="Hello World!")
print("received", consume_n(ch, "hello", 1)[0])
ch.queue_delete(queue="hello")
conn.close()

"""Tutorial 6: request/reply over a server queue, with reply_to and correlation_id on each request."""
import threading
import uuid

import pika

from common import connect


def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


ready = threading.Event()


def server():
    conn = connect()
    ch = conn.channel()
    ch.queue_declare(queue="rpc_queue")
    ch.basic_qos(prefetch_count=1)
    served = []

    def on_request(c, method, props, body):
        reply = str(fib(int(body)))
        c.basic_publish(exchange="", routing_key=props.reply_to, properties=pika.BasicProperties(correlation_id=props.correlation_id), body=reply)
        c.basic_ack(delivery_tag=method.delivery_tag)
        served.append(body)
        if len(served) == 3:
            c.stop_consuming()

    ch.basic_consume(queue="rpc_queue", on_message_callback=on_request)
    ready.set()
    ch.start_consuming()
    ch.queue_delete(queue="rpc_queue")
    conn.close()


class FibClient:
    def __init__(self):
        self.conn = connect()
        self.ch = self.conn.channel()
        self.callback_queue = self.ch.queue_declare(queue="", exclusive=True).method.queue
        self.ch.basic_consume(queue=self.callback_queue, on_message_callback=self.on_response, auto_ack=True)
        self.response = None
        self.corr_id = None

    def on_response(self, ch, method, props, body):
        if props.correlation_id == self.corr_id:
            self.response = int(body)

    def call(self, n):
        self.response = None
        self.corr_id = str(uuid.uuid4())
        props = pika.BasicProperties(reply_to=self.callback_queue, correlation_id=self.corr_id)
        self.ch.basic_publish(exchange="", routing_key="rpc_queue", properties=props, body=str(n))
        while self.response is None:
            self.conn.process_data_events(time_limit=1)
        return self.response


t = threading.Thread(target=server)
t.start()
ready.wait(10)
client = FibClient()
for n in (10, 20, 30):
    print(f"fib({n}) = {client.call(n)}")
client.conn.close()
t.join(10)

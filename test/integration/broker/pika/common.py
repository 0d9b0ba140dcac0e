"""Shared helpers for the tutorial scripts: connect to the broker on the port given as argv[1]."""
import sys

import pika


def connect():
    port = int(sys.argv[1])
    params = pika.ConnectionParameters(host="127.0.0.1", port=port, credentials=pika.PlainCredentials("guest", "guest"))
    return pika.BlockingConnection(params)


def consume_n(channel, queue, n, auto_ack=True, on_message=None):
    """Consume exactly n messages from queue and return their bodies as text."""
    bodies = []

    def handle(ch, method, properties, body):
        bodies.append(body.decode())
        if on_message is not None:
            on_message(ch, method, properties, body)
        if len(bodies) == n:
            ch.stop_consuming()

    channel.basic_consume(queue=queue, on_message_callback=handle, auto_ack=auto_ack)
    channel.start_consuming()
    return bodies

"""Tutorial 2: a durable task queue shared by two workers, fair dispatch with prefetch 1 and manual acks."""
import threading
import time

import pika

from common import connect

TASKS = ["task one.", "task two..", "task three.", "task four..", "task five.", "task six."]

setup = connect()
ch = setup.channel()
ch.queue_declare(queue="task_queue", durable=True)
ch.queue_purge(queue="task_queue")

done = {}
lock = threading.Lock()


def worker(name):
    conn = connect()
    wch = conn.channel()
    wch.queue_declare(queue="task_queue", durable=True)
    wch.basic_qos(prefetch_count=1)

    def on_task(c, method, properties, body):
        # each dot stands for a little work, so the two workers share the tasks
        time.sleep(0.01 * body.count(b"."))
        c.basic_ack(delivery_tag=method.delivery_tag)
        with lock:
            done.setdefault(name, []).append(body.decode())

    wch.basic_consume(queue="task_queue", on_message_callback=on_task)
    deadline = time.time() + 10
    while time.time() < deadline and sum(len(v) for v in done.values()) < len(TASKS):
        conn.process_data_events(time_limit=0.05)
    conn.close()


threads = [threading.Thread(target=worker, args=(n,)) for n in ("w1", "w2")]
for t in threads:
    t.start()
time.sleep(0.3)
for task in TASKS:
    ch.basic_publish(exchange="", routing_key="task_queue", body=task, properties=pika.BasicProperties(delivery_mode=2))
for t in threads:
    t.join(15)
print("done", sum(len(v) for v in done.values()))
print("workers", len([w for w in done if done[w]]))
ch.queue_delete(queue="task_queue")
setup.close()

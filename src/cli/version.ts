// The rabbitmqctl release whose behaviour warrenctl reproduces; `version` prints it for script compatibility.
export const VERSION = "3.10.8";

# rendered by flotilla for ${host.id} (run ${run.id})
listen_address=${host.address}
listen_port=${host.port}
clients=${fleet.client?size}
greeting=${vars.greeting}

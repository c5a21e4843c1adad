# rendered by flotilla for ${host.id} (run ${run.id})
address=${host.address}
index=${host.index}
port=${host.port}

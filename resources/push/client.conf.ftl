# rendered by flotilla for ${host.id}
address=${host.address}
index=${host.index}
port=${host.port}

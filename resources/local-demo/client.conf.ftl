# rendered by flotilla for ${host.id} (run ${run.id}, started ${run.start})
run_id=${run.id}
client_index=${host.index}
server_address=${fleet.server[0].address}
server_ssh_port=${fleet.server[0].port}
server_port=${vars.port}

# Rendered by flotilla for ${host.id} (run ${run.id}): the cannons' target. Every path is under
# the host's directory (nginx -p), so it needs no root and leaves nothing behind.
# In the foreground: it stays the child of the `timeout` that bounds its life, where `down` finds it.
daemon off;
worker_processes ${vars['target-workers']};
pid var/nginx.pid;
error_log logs/nginx-error.log;
events {
  worker_connections 1024;
}
http {
  access_log logs/nginx-access.log;
  client_body_temp_path var/body;
  proxy_temp_path var/proxy;
  fastcgi_temp_path var/fastcgi;
  uwsgi_temp_path var/uwsgi;
  scgi_temp_path var/scgi;
  server {
    listen ${host.address}:${vars['target-port']};
    location / {
      default_type text/plain;
      return 200 "flotilla target ${host.id}\n";
    }
  }
}

${vars['ui-user']}:${secrets['locust-ui'].htpasswd}

<#-- A table in Markdown (GitHub flavour). Model: title, columns, rows. -->
<#macro md text>${text?replace("|", "\\|")}</#macro>
| <#list columns as c><@md c/><#sep> | </#sep></#list> |
|<#list columns as c> --- |</#list>
<#list rows as row>
| <#list row as cell><@md cell/><#sep> | </#sep></#list> |
</#list>

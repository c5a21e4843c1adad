<#-- A table in Markdown (GitHub flavour). Model: title, columns, rows, links [{role, link}] (the lab's shaped links, often none). -->
<#macro md text>${text?replace("|", "\\|")}</#macro>
<#if links?has_content>
Links: <#list links as l>${l.role}: ${l.link}<#sep>; </#sep></#list>

</#if>
| <#list columns as c><@md c/><#sep> | </#sep></#list> |
|<#list columns as c> --- |</#list>
<#list rows as row>
| <#list row as cell><@md cell/><#sep> | </#sep></#list> |
</#list>

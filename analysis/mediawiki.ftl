<#-- A table for MediaWiki. Model: title, columns (list of strings), rows (list of lists of strings). -->
{| border="1" cellpadding="3" cellspacing="0"
|-
! ${columns?join(" !! ")}
<#list rows as row>
|-
| ${row?join(" || ")}
</#list>
|}

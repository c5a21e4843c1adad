<#-- A table for Trac wiki. Model: title, columns, rows. -->
||<#list columns as c>'''${c}'''||</#list>
<#list rows as row>
||<#list row as cell>${cell}||</#list>
</#list>

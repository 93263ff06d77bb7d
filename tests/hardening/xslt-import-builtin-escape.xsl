<?xml version="1.0" encoding="UTF-8"?>
<!-- The phasedoc: scheme names built-in stylesheets only: no path, no way out. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="phasedoc:../../../../etc/passwd"/>
</xsl:stylesheet>

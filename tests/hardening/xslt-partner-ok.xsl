<?xml version="1.0" encoding="UTF-8"?>
<!-- A well-behaved partner stylesheet: imports the built-in one and changes nothing. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="phasedoc:approval.xsl"/>
</xsl:stylesheet>

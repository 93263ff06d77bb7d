<?xml version="1.0" encoding="UTF-8"?>
<!-- EXSLT's exsl:document: must not write (line 7). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:exsl="http://exslt.org/common"
                extension-element-prefixes="exsl">
  <xsl:import href="phasedoc:approval.xsl"/>
  <xsl:template match="/">
    <exsl:document href="@TARGET@" method="text">written by a stylesheet</exsl:document>
    <xsl:apply-imports/>
  </xsl:template>
</xsl:stylesheet>
